import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { XLSX_TYPE, contentDisposition } from '../../http/download.js';
import { serviceContext } from '../../http/service-context.js';
import { readUpload, uploadRequestBody } from '../../http/upload.js';
import { commitImport, previewImport, templateFile } from './service.js';

const TAGS = ['单位与人员'];

export const imports = new Hono<AppEnv>()
  .get(
    '/template',
    describeRoute({
      tags: TAGS,
      summary: '下载单位与人员导入模板（含示例行、可选值和填写说明）',
      responses: { 200: { description: '模板工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    async (c) => {
      const bytes = await templateFile(serviceContext(c));
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': contentDisposition(
          'import-template.xlsx',
          '单位与人员导入模板.xlsx',
        ),
      });
    },
  )
  .post(
    '/preview',
    describeRoute({
      tags: TAGS,
      summary: '预览导入（管理员）：逐行检查，列出每行的错误，不写入任何数据',
      requestBody: uploadRequestBody,
      responses: {
        200: { description: '每行的状态（新增、已存在、有错误）和错误' },
        413: { description: '文件过大' },
        422: { description: '不是 .xlsx、没有数据、行数过多、含公式或合并单元格' },
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const upload = await readUpload(c, '文件');
      return c.json(await previewImport(ctx, upload.bytes), 200);
    },
  )
  .post(
    '/commit',
    describeRoute({
      tags: TAGS,
      summary:
        '导入（管理员）：全部行无误时在一个事务中写入，重复导入不产生变化；返回新人员的初始密码（仅此一次）',
      requestBody: uploadRequestBody,
      responses: {
        200: { description: '新增与跳过的数量，新人员的初始密码' },
        409: { description: '导入期间数据发生变化' },
        413: { description: '文件过大' },
        422: { description: '有行存在错误，未导入任何数据' },
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const upload = await readUpload(c, '文件');
      return c.json(await commitImport(ctx, upload.bytes, upload.filename), 200);
    },
  );
