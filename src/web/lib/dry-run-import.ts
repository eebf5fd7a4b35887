import { useState } from 'react';
import { useFormFeedback } from './form-errors.ts';

/**
 * The import screens' flow: choosing a file sends it as a dry run and keeps the plan (every row and
 * error); commit sends the same file for real, keeps the result and drops the plan. A refused request
 * is reported with its details (row, column, value, reason) and changes nothing on screen but `busy`.
 */
export function useDryRunImport<T>(send: (file: File, dryRun: boolean) => Promise<T>, onCommitted: (result: T) => Promise<void> | void) {
  const { reportError } = useFormFeedback();
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<T | null>(null);
  const [done, setDone] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const check = (chosen: File) => {
    setFile(chosen);
    setPlan(null);
    setDone(null);
    return run(async () => setPlan(await send(chosen, true)));
  };
  const commit = async () => {
    if (!file) return;
    await run(async () => {
      const result = await send(file, false);
      setDone(result);
      setPlan(null);
      await onCommitted(result);
    });
  };
  return { file, plan, done, busy, check, commit };
}
