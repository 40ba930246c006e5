import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n.js';
import DiffViewer, { type FieldChange } from './DiffViewer.vue';

function render(changes: readonly FieldChange[], extra: Record<string, unknown> = {}) {
  return mount(DiffViewer, {
    props: { changes, ...extra },
    global: { plugins: [i18n, ElementPlus] },
  });
}

describe('the revision diff viewer', () => {
  it('strikes out deleted text and marks inserted text inside the unchanged sentence', () => {
    const wrapper = render([
      {
        field: 'body',
        ops: [
          { op: 'equal', text: '城关镇中心校' },
          { op: 'insert', text: '联合派出所' },
          { op: 'equal', text: '组织演练。' },
          { op: 'delete', text: '效果良好。' },
        ],
      },
    ]);
    const body = wrapper.find('[data-field="body"]');
    expect(body.find('h4').text()).toBe('正文');
    expect(body.findAll('ins').map((n) => n.text())).toEqual(['联合派出所']);
    expect(body.findAll('del').map((n) => n.text())).toEqual(['效果良好。']);
    expect(body.find('p').text()).toBe('城关镇中心校联合派出所组织演练。效果良好。');
  });

  it('names who made each revision between the two compared', () => {
    const wrapper = render([{ field: 'title', ops: [{ op: 'insert', text: '新' }] }], {
      editors: [
        { number: 3, author: { name: '李鑫' }, at: '2026-11-26T02:00:00Z', note: '补充信息' },
      ],
    });
    const editor = wrapper.find('[data-test="diff-editor"]');
    expect(editor.text()).toContain('第 3 版：李鑫');
    expect(editor.text()).toContain('2026-11-26 10:00');
    expect(editor.text()).toContain('补充信息');
  });

  it('shows a changed category by its name and added or removed photos by file name', () => {
    const wrapper = render(
      [
        { field: 'category', before: 'meeting', after: 'activity' },
        { field: 'attachments', added: ['a1'], removed: ['a2'] },
      ],
      { attachmentName: (id: string) => (id === 'a1' ? '演练.jpg' : '旧图.png') },
    );
    const category = wrapper.find('[data-field="category"]');
    expect(category.find('del').text()).toBe('会议报道');
    expect(category.find('ins').text()).toBe('特色活动');
    const photos = wrapper.find('[data-field="attachments"]');
    expect(photos.find('ins').text()).toBe('+ 演练.jpg');
    expect(photos.find('del').text()).toBe('− 旧图.png');
  });

  it('says so when the two revisions are the same', () => {
    expect(render([]).find('[data-test="diff-none"]').text()).toBe('两个版本内容相同');
  });
});
