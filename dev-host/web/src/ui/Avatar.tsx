const COLORS = ['#e8effd', '#e6f6ec', '#fdf1e4', '#f3e8fd', '#fdecec', '#e4f5f7'];
const TEXT_COLORS = ['#1752c8', '#1b7a43', '#b25e09', '#7b2fc8', '#c0292f', '#0d7480'];

/** Initials on a colour picked from the name, as Twenty shows records without a picture. */
export function Avatar({ name, size = 24, square = false, url }: { name: string; size?: number; square?: boolean; url?: string | null }) {
  const index = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0) % COLORS.length;
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('') || '?';
  const style = { width: size, height: size, fontSize: Math.round(size * 0.45), borderRadius: square ? 4 : '50%', background: COLORS[index], color: TEXT_COLORS[index] };
  if (url) return <img className="avatar" src={url} alt="" style={style} />;
  return (
    <span className="avatar" style={style} aria-hidden="true">
      {initials}
    </span>
  );
}
