import { useState, type FormEvent } from 'react';

interface LoginPageProps {
  onSignIn(email: string, password: string): Promise<void>;
}

export function LoginPage({ onSignIn }: LoginPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await onSignIn(email, password);
    } catch {
      setError('Wrong email or password.');
      setSubmitting(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(event) => void submit(event)} data-testid="login-form">
        <div className="login-logo" aria-hidden="true">
          20
        </div>
        <h1>Welcome to Twenty</h1>
        <p className="muted">Sign in to the dev host's demo workspace.</p>
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} required data-testid="login-email" />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required data-testid="login-password" />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={submitting} data-testid="login-submit">
          {submitting ? 'Signing in…' : 'Continue'}
        </button>
      </form>
    </main>
  );
}
