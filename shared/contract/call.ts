// How a call is declared: its argument schema, and (as a phantom) its result type.
import { z } from 'zod';

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
    fileName: z.string().min(1).max(255),
    /** The bytes, base64-encoded. Limit: 200 MB of file. */
    dataBase64: z.string().max(280 * 1024 * 1024),
  })
  .strict();
