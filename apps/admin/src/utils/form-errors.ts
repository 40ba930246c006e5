import { reactive } from 'vue';
import { ApiFailure, type FieldIssue } from '../api/http.js';

/**
 * `[1].requiredCopies.t1` or `entries[2].title` → `1.requiredCopies.t1`, `entries.2.title`: the
 * domain writes indexes in brackets, the request validation with dots; forms look up one form.
 */
export function dottedPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * The field problems of a failure: the `details.issues` that name a field, or else the one field
 * `details.path` names (a conflict such as a duplicate title answers with the path and its
 * message only). A refusal of who the person is (403) and a problem naming no field are not a
 * form's to show: they come back empty, so that the caller shows the message instead.
 */
export function fieldIssues(error: ApiFailure): FieldIssue[] {
  if (error.status === 401 || error.status === 403) return [];
  const onFields = error.issues.filter((issue) => issue.path !== '');
  if (onFields.length > 0) return onFields;
  const details = error.details;
  if (typeof details !== 'object' || details === null) return [];
  const path = (details as { path?: unknown }).path;
  return typeof path === 'string' && path !== '' ? [{ path, message: error.message }] : [];
}

/**
 * The API's field errors (`details.issues[].path`) of a form, for `el-form-item :error`.
 * `apply` returns true when the failure had field errors to show (no toast needed then).
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  function apply(error: unknown, prefix = ''): boolean {
    clear();
    if (!(error instanceof ApiFailure)) return false;
    return show(fieldIssues(error), prefix);
  }

  /** Shows problems found before asking the server (the domain's own checks, in the form). */
  function show(issues: readonly FieldIssue[], prefix = ''): boolean {
    clear();
    let shown = false;
    for (const issue of issues) {
      const dotted = dottedPath(issue.path);
      const path =
        prefix !== '' && dotted.startsWith(prefix) ? dotted.slice(prefix.length) : dotted;
      // The first problem of a field is the one to fix first.
      if (errors[path] === undefined) errors[path] = issue.message;
      shown = true;
    }
    return shown;
  }

  function of(path: string): string {
    return errors[path] ?? '';
  }

  return { errors, clear, apply, show, of };
}
