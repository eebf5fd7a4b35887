// Types of the parts of bench/lib.mjs that TypeScript benchmarks use.
export const ROOT: string;
export const DEMO_EDITOR: { email: string; password: string };
export function parseFlags(argv: string[]): Record<string, string | true>;
export function machineDescription(): string;
export function table(header: string[], rows: (string | number)[][]): { text: string; md: string };
export interface Dataset {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl: string | null;
  dispose(): Promise<void>;
}
export function createDataset(dialect: 'sqlite' | 'postgres'): Promise<Dataset>;
export function startDaicho(dataset: Dataset, extraEnv?: Record<string, string>): Promise<{ base: string; port: number; stop(): Promise<void> }>;
export function cleanupAll(): Promise<void>;
