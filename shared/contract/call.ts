// How a call is declared: its argument schema, and (as a phantom) its result type.
import { z } from 'zod';
import { isStrictBase64, safeTextMax } from './safeSchemas';

export interface Call<A extends z.ZodType, R> {
  args: A;
  result?: R;
}

export const call =
  <R>() =>
  <A extends z.ZodType>(args: A): Call<A, R> => ({ args });

/** A positive integer id. */
export const idSchema = z.number().int().positive();

/** A file travelling inside a call (the renderer reads it with the File API in either shell). */
export const fileSchema = z
  .object({
    fileName: safeTextMax(255, 1),
    /** The bytes, base64-encoded. Limit: 200 MB of file. Invalid base64 is refused, never decoded partially. */
    dataBase64: z
      .string()
      .max(280 * 1024 * 1024, { error: '文件超过 200 MB 上限 / The file exceeds the 200 MB limit' })
      .refine(isStrictBase64, { error: '文件内容不是有效的 base64 编码 / The file data is not valid base64' }),
  })
  .strict();
