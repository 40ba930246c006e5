import type { FormRules } from 'element-plus';

type Translate = (key: string) => string;

/** The same limits the API checks, so most mistakes are caught before sending. */
export function editorRules(t: Translate): FormRules {
  return {
    title: [
      { required: true, message: t('editor.titleRequired'), trigger: 'blur' },
      { max: 200, message: t('editor.titleTooLong'), trigger: 'blur' },
    ],
    category: [{ required: true, message: t('editor.categoryRequired'), trigger: 'change' }],
    eventAt: [{ required: true, message: t('editor.eventAtRequired'), trigger: 'change' }],
    body: [
      { required: true, message: t('editor.bodyRequired'), trigger: 'blur' },
      { max: 50000, message: t('editor.bodyTooLong'), trigger: 'blur' },
    ],
  };
}

/** Images the API accepts (it checks the bytes again), and its size limit. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
