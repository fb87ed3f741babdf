// A sample card photo, made with sharp: for the demo and the tests (no real person's face anywhere).
import sharp from 'sharp';

/** A photo-like JPEG: softened noise, so that it compresses to a realistic size (about 14 KB at 358×441). */
export async function samplePhoto(
  width = 358,
  height = 441,
  options: { quality?: number; grey?: boolean; format?: 'jpeg' | 'png' } = {},
): Promise<Buffer> {
  const channels = options.grey ? 1 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed % 256;
  }
  const image = sharp(pixels, { raw: { width, height, channels } })
    .blur(1.2)
    .toColourspace(options.grey ? 'b-w' : 'srgb');
  return options.format === 'png'
    ? image.png().toBuffer()
    : image.jpeg({ quality: options.quality ?? 50 }).toBuffer();
}
