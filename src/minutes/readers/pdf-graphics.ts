import { OPS, Util } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The painted lines and shaded boxes of a page, from pdf.js's operator list: what tells a table
 * apart from text that merely lines up. A table's borders are ruling lines (stroked paths, or the
 * thin filled rectangles Word draws them as); a heading bar or a shaded row is a filled
 * rectangle. Coordinates are viewport points (origin top left, y growing downwards), as the text
 * runs have. Curves, clipping paths, images and white or transparent paint are left out.
 */

/** A horizontal ruling line at `y` from `x0` to `x1`. */
export interface HorizontalRule {
  y: number;
  x0: number;
  x1: number;
}

/** A vertical ruling line at `x` from `y0` (top) to `y1`. */
export interface VerticalRule {
  x: number;
  y0: number;
  y1: number;
}

export interface FilledBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageGraphics {
  horizontal: HorizontalRule[];
  vertical: VerticalRule[];
  fills: FilledBox[];
}

export const NO_GRAPHICS: PageGraphics = { horizontal: [], vertical: [], fills: [] };

/** A filled rectangle no thicker than this (points) is a ruling line, as Word draws cell borders. */
const RULE_THICKNESS = 3;
/** Rules shorter than this (points) are ticks, bullets or glyph parts, not borders. */
const MIN_RULE_LENGTH = 4;
/** Coordinates closer than this (points) are the same: a rule is straight within it. */
const STRAIGHT = 0.5;
/** Paint lighter than this (0–1 luminance) does not show on paper. */
const WHITE = 0.95;

/** pdf.js path commands inside a constructPath operation (pdf.js's `DrawOPS`). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const FILL_AND_STROKE = new Set<number>([
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

type Matrix = number[];

interface PaintState {
  matrix: Matrix;
  fillVisible: boolean;
  strokeVisible: boolean;
}

interface Subpath {
  points: [number, number][];
  curved: boolean;
  closed: boolean;
}

export function readGraphics(
  operators: { fnArray: number[]; argsArray: unknown[] },
  viewportTransform: Matrix,
  pageArea: number,
): PageGraphics {
  const graphics: PageGraphics = { horizontal: [], vertical: [], fills: [] };
  let state: PaintState = { matrix: viewportTransform, fillVisible: true, strokeVisible: true };
  const stack: PaintState[] = [];
  operators.fnArray.forEach((operator, index) => {
    const args = operators.argsArray[index] as unknown[] | null;
    switch (operator) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.matrix = Util.transform(state.matrix, args as Matrix) as Matrix;
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        const matrix = args?.[0];
        state = {
          ...state,
          matrix: Array.isArray(matrix)
            ? (Util.transform(state.matrix, matrix as Matrix) as Matrix)
            : state.matrix,
        };
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setFillRGBColor:
        state.fillVisible = isVisibleColour(args?.[0]);
        break;
      case OPS.setStrokeRGBColor:
        state.strokeVisible = isVisibleColour(args?.[0]);
        break;
      case OPS.setFillTransparent:
        state.fillVisible = false;
        break;
      case OPS.setStrokeTransparent:
        state.strokeVisible = false;
        break;
      case OPS.setFillColorN:
        // A pattern or shading: it shows.
        state.fillVisible = true;
        break;
      case OPS.constructPath:
        addPath(graphics, args, state, pageArea);
        break;
      default:
        break;
    }
  });
  return graphics;
}

function addPath(
  graphics: PageGraphics,
  args: unknown[] | null,
  state: PaintState,
  pageArea: number,
): void {
  const paint = args?.[0];
  const buffer = (args?.[1] as unknown[] | undefined)?.[0];
  if (typeof paint !== "number" || !(buffer instanceof Float32Array)) return;
  const strokes = STROKES.has(paint) || FILL_AND_STROKE.has(paint);
  const fills = FILLS.has(paint) || FILL_AND_STROKE.has(paint);
  if (!strokes && !fills) return;
  for (const subpath of subpaths(buffer, state.matrix)) {
    if (fills && state.fillVisible) addFilled(graphics, subpath, pageArea);
    if (strokes && state.strokeVisible && !subpath.curved) addStroked(graphics, subpath);
  }
}

function subpaths(buffer: Float32Array, matrix: Matrix): Subpath[] {
  const result: Subpath[] = [];
  let current: Subpath | undefined;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = matrix;
  const point = (x: number, y: number): [number, number] => [a * x + c * y + e, b * x + d * y + f];
  for (let index = 0; index < buffer.length; ) {
    const command = buffer[index++];
    if (command === MOVE_TO) {
      current = {
        points: [point(buffer[index] ?? 0, buffer[index + 1] ?? 0)],
        curved: false,
        closed: false,
      };
      result.push(current);
      index += 2;
    } else if (command === LINE_TO) {
      current?.points.push(point(buffer[index] ?? 0, buffer[index + 1] ?? 0));
      index += 2;
    } else if (command === CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push(point(buffer[index + 4] ?? 0, buffer[index + 5] ?? 0));
      }
      index += 6;
    } else if (command === QUADRATIC_CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push(point(buffer[index + 2] ?? 0, buffer[index + 3] ?? 0));
      }
      index += 4;
    } else if (command === CLOSE_PATH) {
      if (current) current.closed = true;
    } else {
      break;
    }
  }
  return result;
}

/** A filled shape: a thin one is a ruling line, a larger one a shaded box (its bounding box). */
function addFilled(graphics: PageGraphics, subpath: Subpath, pageArea: number): void {
  if (subpath.points.length < 3) return;
  const box = boundingBox(subpath.points);
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  if (height <= RULE_THICKNESS && width >= MIN_RULE_LENGTH) {
    graphics.horizontal.push({ y: (box.y0 + box.y1) / 2, x0: box.x0, x1: box.x1 });
  } else if (width <= RULE_THICKNESS && height >= MIN_RULE_LENGTH) {
    graphics.vertical.push({ x: (box.x0 + box.x1) / 2, y0: box.y0, y1: box.y1 });
  } else if (width > RULE_THICKNESS && height > RULE_THICKNESS && width * height < pageArea / 3) {
    // A box covering a third of the page or more is a page background, not a bar or a cell.
    graphics.fills.push(box);
  }
}

/** A stroked path: its straight horizontal and vertical segments are ruling lines. */
function addStroked(graphics: PageGraphics, subpath: Subpath): void {
  const points = subpath.points;
  const first = points[0];
  const segments: [[number, number], [number, number]][] = [];
  for (let index = 1; index < points.length; index += 1) {
    const from = points[index - 1];
    const to = points[index];
    if (from && to) segments.push([from, to]);
  }
  const last = points.at(-1);
  if (subpath.closed && first && last && points.length > 2) segments.push([last, first]);
  for (const [[ax, ay], [bx, by]] of segments) {
    if (Math.abs(ay - by) <= STRAIGHT && Math.abs(ax - bx) >= MIN_RULE_LENGTH) {
      graphics.horizontal.push({ y: (ay + by) / 2, x0: Math.min(ax, bx), x1: Math.max(ax, bx) });
    } else if (Math.abs(ax - bx) <= STRAIGHT && Math.abs(ay - by) >= MIN_RULE_LENGTH) {
      graphics.vertical.push({ x: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
    }
  }
}

function boundingBox(points: readonly [number, number][]): FilledBox {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** "#rrggbb" from pdf.js: anything but (near) white shows on paper. */
function isVisibleColour(colour: unknown): boolean {
  if (typeof colour !== "string") return true;
  const match = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/iu.exec(colour);
  if (!match) return true;
  const [red, green, blue] = match.slice(1).map((part) => Number.parseInt(part, 16) / 255);
  const luminance = 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
  return luminance < WHITE;
}
