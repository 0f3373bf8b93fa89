/**
 * The steps every .xlsx import screen shares (units import, opening balances): choose a file, preview it
 * (nothing written), commit exactly the previewed bytes only when no row is bad, and after a 422
 * `import_invalid` show the rows the server refused. What is imported where stays with the caller:
 * `scope` (the office, the estate: falsy until chosen) and the `preview`/`commit` calls.
 */
import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client';
import { useErrorText } from './useErrorText';

/** A checked row: its sheet row number and why it is bad (empty when good). */
export interface XlsxImportRow {
  row: number;
  errors: string[];
}
export interface XlsxImportPreview<Row extends XlsxImportRow = XlsxImportRow> {
  ok: boolean;
  rows: Row[];
  summary: { invalid: number };
}

export interface XlsxImportOptions<S, P, R> {
  /** What the file goes into; watched: a new one makes the old preview meaningless. */
  scope: () => S | null | undefined;
  preview: (scope: S, bytes: ArrayBuffer, name: string) => Promise<P>;
  commit: (scope: S, bytes: ArrayBuffer, name: string) => Promise<R>;
  /** The server already has this file (nothing to commit). */
  alreadyDone?: (preview: P) => boolean;
}

export function useXlsxImport<S, Row extends XlsxImportRow, P extends XlsxImportPreview<Row>, R>(opts: XlsxImportOptions<S, P, R>) {
  const errorText = useErrorText();
  const file = shallowRef<File | null>(null);
  const preview = shallowRef<P | null>(null);
  const result = shallowRef<R | null>(null);
  const previewing = ref(false);
  const committing = ref(false);
  const error = ref('');
  const onlyBad = ref(true);
  /** The bytes that were previewed: commit sends exactly these. */
  let bytes: ArrayBuffer | null = null;

  // A new scope or file makes the old preview meaningless.
  watch([opts.scope, file], () => {
    preview.value = null;
    result.value = null;
    error.value = '';
    bytes = null;
  });

  const rows = computed((): Row[] => preview.value?.rows ?? []);
  const badRows = computed(() => rows.value.filter((r) => r.errors.length > 0));
  const shownRows = computed(() => (onlyBad.value && badRows.value.length ? badRows.value : rows.value));
  const canCommit = computed(
    () =>
      !!preview.value &&
      preview.value.ok &&
      !opts.alreadyDone?.(preview.value) &&
      badRows.value.length === 0 &&
      preview.value.summary.invalid === 0 &&
      preview.value.rows.length > 0,
  );

  function onFile(e: Event) {
    const input = e.target as HTMLInputElement;
    file.value = input.files?.[0] ?? null;
    // Cleared so that choosing the same file again still fires `change`.
    input.value = '';
  }

  async function runPreview() {
    const scope = opts.scope();
    if (!scope || !file.value) return;
    previewing.value = true;
    error.value = '';
    result.value = null;
    try {
      bytes = await file.value.arrayBuffer();
      preview.value = await opts.preview(scope, bytes, file.value.name);
      onlyBad.value = badRows.value.length > 0;
    } catch (e) {
      preview.value = null;
      error.value = errorText(e);
    } finally {
      previewing.value = false;
    }
  }

  async function commit() {
    const scope = opts.scope();
    if (!scope || !bytes || !canCommit.value || committing.value) return;
    committing.value = true;
    error.value = '';
    try {
      result.value = await opts.commit(scope, bytes, file.value?.name ?? '');
    } catch (e) {
      error.value = errorText(e);
      // 422 import_invalid: something changed since the preview; show the rows the server refused
      // (details are `{ rows, summary }`, or just the rows).
      if (e instanceof ApiError && e.code === 'import_invalid' && preview.value) {
        const details = e.details as { rows?: Row[]; summary?: P['summary'] } | Row[] | undefined;
        const rows = Array.isArray(details) ? details : details?.rows;
        if (rows) {
          const summary = (!Array.isArray(details) && details?.summary) || preview.value.summary;
          preview.value = { ...preview.value, ok: false, rows, summary };
        }
        onlyBad.value = true;
      }
    } finally {
      committing.value = false;
    }
  }

  function again() {
    file.value = null;
  }

  return { file, preview, result, previewing, committing, error, onlyBad, badRows, shownRows, canCommit, onFile, runPreview, commit, again };
}
