import { reactive } from 'vue';
import { ApiFailure } from '../api/http.js';

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
    let shown = false;
    for (const issue of error.issues) {
      const path =
        prefix !== '' && issue.path.startsWith(prefix)
          ? issue.path.slice(prefix.length)
          : issue.path;
      // The first problem of a field is the one to fix first.
      if (errors[path] === undefined) errors[path] = issue.message;
      shown = true;
    }
    return shown;
  }

  function of(path: string): string {
    return errors[path] ?? '';
  }

  return { errors, clear, apply, of };
}
