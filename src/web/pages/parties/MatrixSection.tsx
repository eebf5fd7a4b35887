import type { Entry } from '../register/register-api.ts';

// Being built on its own branch; replaced before it lands.
export function MatrixSection(_props: { entry: Entry }) {
  return null;
}
