export type NavIconName = 'people' | 'companies' | 'calendar' | 'tasks' | 'settings';

const PATHS: Record<NavIconName, string> = {
  people: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-5 6a5 5 0 0 1 10 0',
  companies: 'M2 14V3h7v11M9 6h5v8M4.5 5.5h2M4.5 8h2M4.5 10.5h2M11 8.5h1M11 11h1M1 14h14',
  calendar: 'M2.5 4.5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-8ZM2.5 7h11M5.5 2v3M10.5 2v3',
  tasks: 'M2.5 3.5l1.5 1.5 2.5-2.5M2.5 8.5l1.5 1.5 2.5-2.5M8.5 4h5M8.5 9h5M2.5 13h11',
  settings: 'M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
};

/** Tabler-like 16px line icons. */
export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
