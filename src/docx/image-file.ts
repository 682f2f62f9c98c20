import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromHtml } from "hast-util-from-html";

/** An image a Word document can carry: its bytes, kind and size in pixels. */
export interface WordImage {
  readonly type: "png" | "jpg" | "gif" | "svg";
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Widest an image is shown, in pixels at 96 per inch: the text width of an A4 page with 2.5 cm margins. */
export const MAX_IMAGE_WIDTH = 600;

/**
 * A light grey 1×1 PNG. Word asks for a raster picture beside every SVG, shown by versions
 * that cannot draw SVG (before Word 2016); papersmith has no rasteriser, so those versions show
 * a grey box of the image's size, with its alt text.
 */
export const SVG_FALLBACK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mO4e/cuAAUyApj98CkjAAAAAElFTkSuQmCC",
  "base64",
);

/** The project file at `projectPath` as a Word image, or undefined when it is unreadable or of a kind Word cannot show. */
export function readWordImage(root: string, projectPath: string): WordImage | undefined {
  let data: Buffer;
  try {
    data = readFileSync(join(root, projectPath));
  } catch {
    return undefined; // validation reports missing files; a render never fails on one
  }
  const size = pngSize(data) ?? gifSize(data) ?? jpegSize(data);
  if (size !== undefined) return { ...size, data };
  const svg = svgSize(data);
  return svg === undefined ? undefined : { type: "svg", data, ...svg };
}

/** The size an image is shown at: its own, scaled down to MAX_IMAGE_WIDTH. */
export function shownSize(image: WordImage): { width: number; height: number } {
  if (image.width <= MAX_IMAGE_WIDTH) return { width: image.width, height: image.height };
  return { width: MAX_IMAGE_WIDTH, height: Math.round((image.height * MAX_IMAGE_WIDTH) / image.width) };
}

type Sized = { type: "png" | "jpg" | "gif"; width: number; height: number };

/** A PNG's size, from its IHDR chunk (always the first, at a fixed place). */
function pngSize(data: Buffer): Sized | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return positive({ type: "png", width: data.readUInt32BE(16), height: data.readUInt32BE(20) });
}

function gifSize(data: Buffer): Sized | undefined {
  if (data.length < 10 || data.toString("latin1", 0, 4) !== "GIF8") return undefined;
  return positive({ type: "gif", width: data.readUInt16LE(6), height: data.readUInt16LE(8) });
}

/** A JPEG's size, from its first start-of-frame segment. */
function jpegSize(data: Buffer): Sized | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return undefined;
    const marker = data[at + 1]!;
    const length = data.readUInt16BE(at + 2);
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (startOfFrame) return positive({ type: "jpg", width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) });
    at += 2 + length;
  }
  return undefined;
}

/** An SVG's size: its width and height in pixels, else its viewBox's; 300 × 150 (the web's default) when it gives neither. */
function svgSize(data: Buffer): { width: number; height: number } | undefined {
  const tree = fromHtml(data.toString("utf8"), { fragment: true, space: "svg" });
  const svg = tree.children.find((n) => n.type === "element" && n.tagName === "svg");
  if (svg === undefined || svg.type !== "element") return undefined;
  const px = (value: unknown): number | undefined => {
    const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value) : null;
    return match ? Number(match[1]) : undefined;
  };
  const box = typeof svg.properties["viewBox"] === "string" ? svg.properties["viewBox"].trim().split(/[\s,]+/).map(Number) : [];
  const boxWidth = box.length === 4 && box[2]! > 0 ? box[2] : undefined;
  const boxHeight = box.length === 4 && box[3]! > 0 ? box[3] : undefined;
  const width = px(svg.properties["width"]);
  const height = px(svg.properties["height"]);
  if (width !== undefined && height !== undefined) return { width, height };
  if (width !== undefined && boxWidth !== undefined && boxHeight !== undefined) return { width, height: (width * boxHeight) / boxWidth };
  if (boxWidth !== undefined && boxHeight !== undefined) return { width: boxWidth, height: boxHeight };
  return { width: 300, height: 150 };
}

function positive(size: Sized): Sized | undefined {
  return size.width > 0 && size.height > 0 ? size : undefined;
}
