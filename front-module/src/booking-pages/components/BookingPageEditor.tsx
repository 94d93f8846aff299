import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useRecoilValue, useSetRecoilState } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingAccountsState, bookingPageEditorState, bookingPagesState, bookingPageToDeleteState } from '../../state/booking-pages.state';
import { Toggle } from '../../ui/Toggle';
import { accountCalendars, canHostBookingPages, confirmationsMissingReason } from '../booking-account';
import {
  bookingFormProblems,
  bookingPageFormFrom,
  bookingPageInput,
  fieldOfServerError,
  newBookingPageForm,
  toggleDuration,
  withSlug,
  withTitle,
  type BookingFormField,
  type BookingPageForm,
} from '../booking-page-form';
import { focusField } from '../booking-form-focus';
import { useBookingPageDefaults } from '../hooks/useBookingPageDefaults';
import { useSaveBookingPage } from '../hooks/useSaveBookingPage';
import { slugPath } from '../slug';
import { BusyCalendarsField } from './BusyCalendarsField';
import { DurationsField } from './DurationsField';
import { describedBy, FormField } from './FormField';
import { LocationField } from './LocationField';
import { NumberField } from './NumberField';
import { TimeZoneField } from './TimeZoneField';
import { WorkingHoursField } from './WorkingHoursField';

type NumberKey = 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minimumNoticeMinutes' | 'horizonDays' | 'dailyCap';


/** Creates a page (`pageId` null) or edits one; Save sends it, the server's refusal shows on the field it names. */
export function BookingPageEditor({ host, pageId }: { host: FrontHost; pageId: string | null }) {
  const accounts = useRecoilValue(bookingAccountsState) ?? [];
  const pages = useRecoilValue(bookingPagesState) ?? [];
  const page = pageId ? pages.find((each) => each.id === pageId) : undefined;
  const setEditing = useSetRecoilState(bookingPageEditorState);
  const askDelete = useSetRecoilState(bookingPageToDeleteState);
  const hostable = accounts.filter(canHostBookingPages);
  const [accountId, setAccountId] = useState<string | null>(page?.connectedAccountId ?? hostable[0]?.id ?? null);
  const account = accounts.find((each) => each.id === accountId);
  const { defaults, error: defaultsError } = useBookingPageDefaults(host, page ? null : accountId);
  const [form, setForm] = useState<BookingPageForm | null>(page ? bookingPageFormFrom(page) : null);
  const [attempted, setAttempted] = useState(false);
  const { save, saving, error: serverError, clearError } = useSaveBookingPage(host);

  // A new page starts from what Outlook says; choosing another account starts again from its settings, keeping the words.
  useEffect(() => {
    if (page || !account || !defaults) return;
    setForm((before) => {
      const fresh = newBookingPageForm(account, defaults);
      return before ? { ...fresh, title: before.title, slug: before.slug, slugEdited: before.slugEdited, description: before.description, durationsMinutes: before.durationsMinutes } : fresh;
    });
  }, [page, account, defaults]);

  // The keyboard goes to the field the server refused.
  useEffect(() => {
    const field = serverError ? fieldOfServerError(serverError) : null;
    if (field) focusField(field);
  }, [serverError]);

  const calendars = accountCalendars(account);
  const calendarIds = useMemo(() => calendars.map((calendar) => calendar.id), [calendars]);
  const close = () => setEditing(null);

  if (pageId && !page) return <p className="m365-muted">This booking page no longer exists.</p>;
  if (!page && !account) return <p className="m365-muted">Connect a Microsoft account with its calendar in Settings → Accounts to create a booking page.</p>;
  if (defaultsError) return <div className="m365-banner m365-banner-error">Could not read your Outlook working hours: {defaultsError}</div>;
  if (!form) return <p className="m365-muted">Reading your Outlook working hours…</p>;

  const problems = bookingFormProblems(form, calendarIds);
  const serverField = serverError ? fieldOfServerError(serverError) : null;
  const errorOf = (field: BookingFormField): string | null => (serverField === field ? serverError : null) ?? (attempted || (field === 'slug' && form.slug) ? (problems[field] ?? null) : null);
  const update = (next: BookingPageForm) => {
    if (serverError) clearError();
    setForm(next);
  };
  const teamsAvailable = page ? page.teamsAvailable : (defaults?.teamsAvailable ?? false);
  const teamsReason = page ? page.teamsUnavailableReason : (defaults?.teamsUnavailableReason ?? null);
  const confirmationsReason = page ? (page.confirmationsAvailable ? null : (page.confirmationsUnavailableReason ?? 'Confirmation emails will not be sent')) : account ? confirmationsMissingReason(account) : null;
  const origin = page ? new URL(page.publicUrl).origin : pages[0] ? new URL(pages[0].publicUrl).origin : window.location.origin;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const first = Object.keys(problems)[0] as BookingFormField | undefined;
    if (first) {
      focusField(first);
      return;
    }
    const saved = await save(page?.id ?? null, bookingPageInput(form));
    if (saved) close();
  };

  const numberField = (key: NumberKey, label: string, unit: string, hint?: string) => (
    <NumberField
      id={`booking-${key}`}
      label={label}
      unit={unit}
      hint={hint}
      value={form[key]}
      placeholder={key === 'dailyCap' ? 'No limit' : undefined}
      error={errorOf(key)}
      onChange={(value) => update({ ...form, [key]: value })}
    />
  );

  return (
    <form className="m365-settings-page m365-editor-form" onSubmit={(event) => void submit(event)} noValidate data-testid="booking-page-editor" aria-labelledby="m365-booking-editor-title">
      <header className="m365-page-header">
        <button type="button" className="m365-link-button" onClick={close}>
          ← Booking pages
        </button>
        <h1 id="m365-booking-editor-title">{page ? `Edit ${page.title}` : 'New booking page'}</h1>
        <p className="m365-muted">Guests pick a free time on this page; the meeting goes into your Outlook calendar.</p>
      </header>

      {serverError && !serverField && (
        <div className="m365-banner m365-banner-error" role="alert" data-testid="booking-editor-error">
          Could not save: {serverError}
        </div>
      )}
      {confirmationsReason && (
        <p className="m365-banner-warning" data-testid="booking-editor-no-confirmations">
          {confirmationsReason}
        </p>
      )}

      <section className="m365-card m365-editor-section" aria-labelledby="m365-booking-about">
        <h2 id="m365-booking-about" className="m365-subsection-title">About the meeting</h2>
        {!page && hostable.length > 1 && (
          <FormField id="booking-account" label="Account">
            <select id="booking-account" className="m365-select" value={accountId ?? ''} onChange={(event) => setAccountId(event.target.value)} data-testid="booking-account">
              {hostable.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.handle}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {page && <p className="m365-field-caption">Account: {account?.handle ?? 'disconnected'}</p>}
        <FormField id="booking-title" label="Title" error={errorOf('title')}>
          <input
            id="booking-title"
            className="m365-input"
            autoFocus={!page}
            value={form.title}
            placeholder="Intro call"
            aria-invalid={Boolean(errorOf('title'))}
            aria-describedby={describedBy('booking-title', false, Boolean(errorOf('title')))}
            onChange={(event) => update(withTitle(form, event.target.value))}
            data-testid="booking-title"
          />
        </FormField>
        <FormField id="booking-slug" label="Page address" hint={<span data-testid="booking-slug-preview">{origin + slugPath(form.slug || '…')}</span>} error={errorOf('slug')}>
          <input
            id="booking-slug"
            className="m365-input"
            value={form.slug}
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={Boolean(errorOf('slug'))}
            aria-describedby={describedBy('booking-slug', true, Boolean(errorOf('slug')))}
            onChange={(event) => update(withSlug(form, event.target.value))}
            data-testid="booking-slug"
          />
        </FormField>
        <FormField id="booking-description" label="Description" hint="Shown to guests above the times." error={errorOf('description')}>
          <textarea
            id="booking-description"
            className="m365-input m365-textarea"
            rows={3}
            value={form.description}
            aria-invalid={Boolean(errorOf('description'))}
            aria-describedby={describedBy('booking-description', true, Boolean(errorOf('description')))}
            onChange={(event) => update({ ...form, description: event.target.value })}
            data-testid="booking-description"
          />
        </FormField>
        <DurationsField durations={form.durationsMinutes} error={errorOf('durationsMinutes')} onToggle={(minutes) => update(toggleDuration(form, minutes))} />
        <LocationField
          kind={form.locationKind}
          detail={form.locationDetail}
          teamsAvailable={teamsAvailable}
          teamsUnavailableReason={teamsReason}
          fallback={page?.locationKind === 'TEAMS' && form.locationKind === 'TEAMS' ? page.locationFallback : null}
          error={errorOf('location')}
          onKind={(locationKind) => update({ ...form, locationKind })}
          onDetail={(locationDetail) => update({ ...form, locationDetail })}
        />
        <Toggle label="Open for booking" description="Off: the page tells guests it takes no bookings." checked={form.enabled} onChange={(enabled) => update({ ...form, enabled })} testId="booking-enabled" />
      </section>

      <section className="m365-card m365-editor-section" aria-labelledby="m365-booking-when">
        <h2 id="m365-booking-when" className="m365-subsection-title">When guests can book</h2>
        <TimeZoneField value={form.timeZone} error={errorOf('timeZone')} onChange={(timeZone) => update({ ...form, timeZone })} />
        <WorkingHoursField week={form.week} timeZone={form.timeZone} showProblems={attempted} error={errorOf('workingHours')} onChange={(week) => update({ ...form, week })} />
        <div className="m365-field-row">
          {numberField('bufferBeforeMinutes', 'Buffer before', 'minutes', 'Free time kept before each meeting (0–240).')}
          {numberField('bufferAfterMinutes', 'Buffer after', 'minutes', 'Free time kept after each meeting (0–240).')}
        </div>
        <div className="m365-field-row">
          {numberField('minimumNoticeMinutes', 'Minimum notice', 'minutes', 'No booking starts sooner than this.')}
          {numberField('horizonDays', 'Booking horizon', 'days ahead', 'How far ahead guests can book (1–365).')}
          {numberField('dailyCap', 'Daily limit', 'meetings a day', 'Leave empty for no limit.')}
        </div>
      </section>

      <section className="m365-card m365-editor-section" aria-labelledby="m365-booking-calendars">
        <h2 id="m365-booking-calendars" className="m365-subsection-title">Busy time</h2>
        <BusyCalendarsField calendars={calendars} selected={form.busyCalendarIds} error={errorOf('busyCalendarIds')} onChange={(busyCalendarIds) => update({ ...form, busyCalendarIds })} />
      </section>

      <footer className="m365-editor-footer">
        {page && (
          <button type="button" className="m365-button m365-button-danger-ghost" onClick={() => askDelete(page.id)} data-testid="booking-editor-delete">
            Delete page
          </button>
        )}
        <span className="m365-editor-footer-space" />
        {attempted && Object.keys(problems).length > 0 && <span className="m365-form-error">Fix the fields marked above.</span>}
        <button type="button" className="m365-button m365-button-secondary" onClick={close} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className="m365-button m365-button-primary" disabled={saving} data-testid="booking-save">
          {saving ? 'Saving…' : page ? 'Save' : 'Create page'}
        </button>
      </footer>
    </form>
  );
}
