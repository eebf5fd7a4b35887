/** One problem of a spreadsheet import: where (row and column header), what was there, and why. */
export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: string;
  reason_en?: string;
}
