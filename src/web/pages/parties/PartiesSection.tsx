import type { Entry } from '../register/register-api.ts';

// Being built on its own branch; replaced before it lands.
export function PartiesSection(_props: { entry: Entry }) {
  return null;
}
