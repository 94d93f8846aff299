import { useRecoilState } from 'recoil';
import { connectErrorState } from '../../state/connect-error.state';

export function ConnectErrorBanner() {
  const [error, setError] = useRecoilState(connectErrorState);
  if (!error) return null;
  return (
    <div className="m365-banner m365-banner-error" role="alert" data-testid="connect-error" data-code={error.code}>
      <div className="m365-banner-text">
        <strong data-testid="connect-error-title">{error.title}</strong>
        {error.detail && <span className="m365-banner-detail">{error.detail}</span>}
      </div>
      <button type="button" className="m365-icon-button" aria-label="Dismiss" onClick={() => setError(null)} data-testid="dismiss-connect-error">
        ×
      </button>
    </div>
  );
}
