// How a workspace's image inputs (HWC, `bands` channels) are fed to an ONNX model, read from
// the model's declared input: rank 4, a float type, and a layout found from the shape: the
// channel axis is the one equal to the band count ([N,C,H,W] → NCHW, [N,H,W,C] → NHWC).
// A dimension that is a string or -1 is dynamic. A model that cannot be fed is refused with
// what was expected and what was found, before any pixel is read.

/** A declared dimension: a number (-1 or absent: dynamic) or a symbolic name (dynamic). */
export type DeclaredDim = number | string;

export interface DeclaredTensor {
  name: string;
  /** onnxruntime's tensor type name ('float32', 'float16', 'int64', ...), or null for a non-tensor value. */
  type: string | null;
  shape: readonly DeclaredDim[];
}

export type InputLayout = 'nchw' | 'nhwc';
export type FeedType = 'float32' | 'float16';

export interface InputPlan {
  name: string;
  layout: InputLayout;
  type: FeedType;
  /** Spatial side fed (the images are resized to it). */
  size: number;
  channels: number;
  /** A fixed batch size the model demands (batches are padded to it), or null when dynamic. */
  fixedBatch: number | null;
  /** The shape as the model declares it (dynamic dims as written). */
  declaredShape: DeclaredDim[];
}

export class OnnxInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxInputError';
  }
}

export function isDynamic(dim: DeclaredDim | undefined): boolean {
  return typeof dim !== 'number' || dim < 0;
}

export function describeShape(shape: readonly DeclaredDim[]): string {
  return `[${shape.map((d) => (isDynamic(d) ? (typeof d === 'string' && d ? d : '?') : String(d))).join(', ')}]`;
}

const FEED_TYPES: readonly string[] = ['float32', 'float16'];

/**
 * Plans the feed of `bands`-channel square images to `input`. `requestedSize` (--input-size)
 * is the side for a model with dynamic spatial dims, default `storedSize`; a model with fixed
 * spatial dims sets the side itself, and a different requested size is refused.
 */
export function planInput(input: DeclaredTensor, bands: number, storedSize: number, requestedSize?: number): InputPlan {
  const layouts = `[N, ${bands}, H, W] (NCHW) or [N, H, W, ${bands}] (NHWC)`;
  const expected = `a float32 or float16 image tensor of rank 4, ${layouts}`;
  const found = `input '${input.name}' is ${input.type ?? 'not a tensor'} ${describeShape(input.shape)}`;
  const refuse = (why: string): never => {
    throw new OnnxInputError(
      `the model cannot be fed ${bands}-band images: ${why}; expected ${expected}, found ${found}`,
    );
  };
  if (input.type === null) refuse('its input is not a tensor');
  if (!FEED_TYPES.includes(input.type!)) refuse(`its input type is ${input.type}, not a float`);
  if (input.shape.length !== 4) refuse(`its input has rank ${input.shape.length}, not 4`);
  const [batch, a1, , a3] = input.shape;
  let layout: InputLayout;
  if (a1 === bands) layout = 'nchw';
  else if (a3 === bands) layout = 'nhwc';
  // Nothing to tell them apart: NCHW, the convention of the frameworks that export ONNX.
  else if (isDynamic(a1) && isDynamic(a3)) layout = 'nchw';
  else refuse(`no channel axis (1 or 3) is ${bands}`);
  const spatial = layout! === 'nchw' ? [input.shape[2], input.shape[3]] : [input.shape[1], input.shape[2]];
  const fixed = spatial.filter((d) => !isDynamic(d)) as number[];
  if (fixed.length === 2 && fixed[0] !== fixed[1]) refuse(`its spatial dims ${fixed.join('×')} are not square`);
  let size = requestedSize ?? storedSize;
  if (fixed.length > 0) {
    if (requestedSize !== undefined && requestedSize !== fixed[0])
      refuse(`--input-size ${requestedSize} differs from the model's fixed ${fixed[0]}`);
    size = fixed[0];
  }
  if (size < 1) refuse(`its spatial size ${size} is not positive`);
  return {
    name: input.name,
    layout: layout!,
    type: input.type as FeedType,
    size,
    channels: bands,
    fixedBatch: isDynamic(batch) ? null : (batch as number),
    declaredShape: [...input.shape],
  };
}

/** The shape of one fed batch of `count` images. */
export function feedShape(plan: InputPlan, count: number): number[] {
  return plan.layout === 'nchw'
    ? [count, plan.channels, plan.size, plan.size]
    : [count, plan.size, plan.size, plan.channels];
}
