import { bi } from './messages.ts';
// Password rules, shared so that the form and the server say the same thing.
// Length over composition (NIST SP 800-63B): at least 12 characters, a short deny-list, and no e-mail name.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password1234', 'passwordpassword', '123456789012', 'qwertyuiopas', 'daichodaicho', 'administrator',
  'password12345', 'iloveyou1234', '111111111111', 'abcdefghijkl', 'p@ssw0rd1234', 'welcome12345',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'single_character';

/** Returns what is wrong with a password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (new Set(password).size === 1) return 'single_character';
  if (COMMON.has(password.toLowerCase())) return 'common';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'contains_email';
  return null;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, { ja: string; en: string }> = {
  too_short: { ja: `${PASSWORD_MIN_LENGTH}文字以上にしてください`, en: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
  too_long: { ja: `${PASSWORD_MAX_LENGTH}文字以内にしてください`, en: `must be at most ${PASSWORD_MAX_LENGTH} characters` },
  common: { ja: 'よく使われるパスワードは使えません', en: 'is too common' },
  contains_email: { ja: 'メールアドレスの一部を含めないでください', en: 'must not contain your e-mail name' },
  single_character: { ja: '同じ文字の繰り返しは使えません', en: 'must not repeat a single character' },
};

for (const message of Object.values(PASSWORD_PROBLEM_MESSAGES)) bi(message.ja, `The password ${message.en}`);
