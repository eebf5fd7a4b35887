import type { Deps } from '../services/deps.ts';

// Placeholder: being built for issue #4.
export async function loadDemoVendorAnswers(_deps: Deps, _ids: Partial<Record<string, string>>): Promise<void> {}
