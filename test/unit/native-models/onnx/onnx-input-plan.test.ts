// How a model's declared input is read: the layout from the axis equal to the band count,
// dynamic dims as strings or -1, the side from the model or --input-size, and refusals that
// say what was expected and what was found.
import { describe, expect, it } from 'vitest';
import { OnnxInputError, feedShape, planInput } from '../../../../native-models/onnx/index.js';

const input = (shape: (number | string)[], type: string | null = 'float32') => ({ name: 'x', type, shape });

describe('planInput', () => {
  it('finds NCHW and NHWC from the channel axis', () => {
    expect(planInput(input(['N', 3, 224, 224]), 3, 64)).toMatchObject({
      layout: 'nchw',
      size: 224,
      channels: 3,
      fixedBatch: null,
      type: 'float32',
    });
    expect(planInput(input([-1, 32, 32, 3]), 3, 64)).toMatchObject({ layout: 'nhwc', size: 32, fixedBatch: null });
    expect(planInput(input([1, 5, 16, 16], 'float16'), 5, 64)).toMatchObject({
      layout: 'nchw',
      fixedBatch: 1,
      type: 'float16',
    });
    expect(feedShape(planInput(input(['N', 'H', 'W', 3]), 3, 64), 7)).toEqual([7, 64, 64, 3]);
  });

  it('takes the side from the model when fixed, else --input-size, else the stored side', () => {
    expect(planInput(input(['N', 3, 'H', 'W']), 3, 64).size).toBe(64);
    expect(planInput(input(['N', 3, 'H', 'W']), 3, 64, 96).size).toBe(96);
    expect(planInput(input(['N', 3, 48, 'W']), 3, 64).size).toBe(48);
    expect(planInput(input(['N', 3, 48, 48]), 3, 64, 48).size).toBe(48);
  });

  it('assumes NCHW when both candidate channel axes are dynamic', () => {
    expect(planInput(input(['N', 'C', 'H', 'W']), 3, 64).layout).toBe('nchw');
  });

  it('refuses what it cannot feed, saying what it expected and found', () => {
    const refusal = (shape: (number | string)[], type: string | null = 'float32', size?: number) => {
      try {
        planInput(input(shape, type), 3, 64, size);
      } catch (err) {
        expect(err).toBeInstanceOf(OnnxInputError);
        return (err as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(['N', 12288])).toMatch(
      /rank 2, not 4.*expected .*\[N, 3, H, W\].*found input 'x' is float32 \[N, 12288\]/,
    );
    expect(refusal(['N', 1, 64, 64])).toMatch(
      /no channel axis \(1 or 3\) is 3.*found input 'x' is float32 \[N, 1, 64, 64\]/,
    );
    expect(refusal(['N', 3, 64, 64], 'int64')).toMatch(/input type is int64, not a float/);
    expect(refusal(['N', 3, 64, 64], 'uint8')).toMatch(/uint8/);
    expect(refusal([], null)).toMatch(/not a tensor/);
    expect(refusal(['N', 3, 32, 64])).toMatch(/32×64 are not square/);
    expect(refusal(['N', 3, 32, 32], 'float32', 64)).toMatch(/--input-size 64 differs from the model's fixed 32/);
  });
});
