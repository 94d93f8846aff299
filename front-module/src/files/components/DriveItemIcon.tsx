const PATHS = {
  folder: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z',
  file: 'M3.5 1.5h5.5l3.5 3.5v9.5h-9zM9 1.5V5h3.5',
  library: 'M2 2.5h3v11H2zM6.5 2.5h3v11h-3zM10.8 3.3l2.7-.7 2.2 10.3-2.7.7z',
} as const;

/** Drawn rather than an emoji, which shows as an empty box where no colour emoji font is installed. */
export function DriveItemIcon({ kind }: { kind: keyof typeof PATHS }) {
  return (
    <svg className="m365-item-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
