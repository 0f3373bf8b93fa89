import { afterEach, describe, expect, it, vi } from 'vitest';
import { downscalePhoto, PHOTO_MAX_SIDE } from './photo';
import { preparePhoto } from './photo-draft';

/** A canvas that records its size and "encodes" to a blob of `encodedBytes`. */
function fakeCanvas(encodedBytes: number) {
  const drawn: { w: number; h: number }[] = [];
  const canvas = { width: 0, height: 0 } as HTMLCanvasElement;
  const ctx = { drawImage: (_b: unknown, _x: number, _y: number, w: number, h: number) => drawn.push({ w, h }) };
  canvas.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
  canvas.toBlob = (cb: BlobCallback, type?: string) => cb(new Blob([new Uint8Array(encodedBytes)], { type }));
  const real = document.createElement.bind(document);
  vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => (tag === 'canvas' ? canvas : real(tag))) as typeof document.createElement);
  return { canvas, drawn };
}

function fakeBitmap(width: number, height: number) {
  const close = vi.fn();
  vi.stubGlobal('createImageBitmap', vi.fn(async () => ({ width, height, close })));
  return close;
}

const photo = (bytes: number, type = 'image/jpeg') => new Blob([new Uint8Array(bytes)], { type });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('downscalePhoto', () => {
  it('draws a camera photo at most 1280 px on its long side as JPEG', async () => {
    const close = fakeBitmap(4032, 3024);
    const { canvas, drawn } = fakeCanvas(200_000);
    const out = await downscalePhoto(photo(4_000_000));
    expect([canvas.width, canvas.height]).toEqual([PHOTO_MAX_SIDE, 960]);
    expect(drawn).toEqual([{ w: 1280, h: 960 }]);
    expect(out.type).toBe('image/jpeg');
    expect(out.size).toBe(200_000);
    expect(close).toHaveBeenCalled();

    fakeBitmap(3024, 4032);
    const portrait = fakeCanvas(180_000);
    await downscalePhoto(photo(4_000_000));
    expect([portrait.canvas.width, portrait.canvas.height]).toEqual([960, 1280]);
  });

  it('always replaces a large one, but keeps a small original that re-encoding would not shrink', async () => {
    fakeBitmap(2000, 1000);
    fakeCanvas(90_000);
    expect((await downscalePhoto(photo(60_000, 'image/png'))).size).toBe(90_000);

    fakeBitmap(800, 600);
    fakeCanvas(90_000);
    const small = photo(60_000);
    expect(await downscalePhoto(small)).toBe(small);
  });

  it('keeps the original where the browser cannot decode it', async () => {
    const file = photo(10);
    expect(await downscalePhoto(file)).toBe(file); // happy-dom has no createImageBitmap
    vi.stubGlobal('createImageBitmap', vi.fn(async () => Promise.reject(new Error('HEIC'))));
    expect(await downscalePhoto(file)).toBe(file);
  });

  it('refuses what is still over the 5 MB the API takes', async () => {
    expect(await preparePhoto(photo(6 * 1024 * 1024))).toBeNull();
    expect((await preparePhoto(photo(1024)))?.size).toBe(1024);
  });
});
