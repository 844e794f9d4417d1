// How a call is declared: its argument schema, and (as a phantom) its result type.
import * as z from '../zod';
import { isStrictBase64, safeTextMax } from './safeSchemas';
import { MAX_INLINE_FILE_BYTES } from './fileLimits';

export interface Call<A extends z.ZodMiniType, R> {
  args: A;
  result?: R;
}

export const call =
  <R>() =>
  <A extends z.ZodMiniType>(args: A): Call<A, R> => ({ args });

/** A positive integer id. */
export const idSchema = z.number().check(z.int(), z.positive());

export { MAX_FILE_BYTES, MAX_INLINE_FILE_BYTES } from './fileLimits';

const fileName = safeTextMax(255, 1);

/**
 * A file a call reads. Files travel as references, never as their bytes in JSON:
 * - `uploadId`: the browser shell streamed the file to a temporary file (POST /api/upload) and named it;
 * - `path`: a file on this machine, named by the CLI or by the desktop app's own open dialog (the service checks
 *   that the desktop app granted it);
 * - `dataBase64`: a small file inline, for scripts and tests only (at most MAX_INLINE_FILE_BYTES).
 */
export const fileSchema = z.union([
  z.strictObject({ fileName, uploadId: z.string().check(z.regex(/^[0-9a-f-]{36}$/, '上传编号无效 / invalid upload id')) }),
  z.strictObject({ fileName, path: safeTextMax(4096, 1) }),
  z.strictObject({
    fileName,
    /** Invalid base64 is refused, never decoded partially. */
    dataBase64: z
      .string()
      .check(
        z.maxLength(
          Math.ceil(MAX_INLINE_FILE_BYTES / 3) * 4 + 4,
          `内嵌文件不得超过 ${MAX_INLINE_FILE_BYTES / 1024 / 1024} MB，请改用上传或路径 / an inline file may be at most ${MAX_INLINE_FILE_BYTES / 1024 / 1024} MB; upload it or name its path`,
        ),
        z.refine(isStrictBase64, { error: '文件内容不是有效的 base64 编码 / The file data is not valid base64' }),
      ),
  }),
]);
export type FileInput = z.infer<typeof fileSchema>;
