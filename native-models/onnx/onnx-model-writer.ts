// Writes ONNX models (ModelProto bytes) from a plain description of a graph: nodes with
// integer, float and integer-list attributes, float32 initializers (raw_data or float_data)
// and int64 ones (raw_data: shapes, axes, slice bounds),
// and inputs/outputs with tensor types and shapes (a string dim is symbolic). Field numbers
// are those of onnx/onnx.proto. Used to export trained encoders and, in tests, to build
// small models without downloading any.
import { bytes, concat, float, int, message, packedFloats, packedInts, str, type Field } from './onnx-protobuf.js';

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_FLOAT16 = 10;

/** A dimension: a number is fixed, a string is symbolic (dynamic). */
export type Dim = number | string;

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, number | number[]>;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** float32 or int64 values. */
  values: Float32Array | BigInt64Array;
  /** Store float32 values as raw_data bytes (default) or as float_data. */
  raw?: boolean;
}

export interface OnnxValue {
  name: string;
  elemType?: number;
  shape: Dim[];
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  opset?: number;
  name?: string;
}

function attribute(name: string, value: number | number[]): Field {
  // AttributeProto: name 1, f 2, i 3, floats 7, ints 8, type 20 (FLOAT 1, INT 2, FLOATS 6, INTS 7).
  if (Array.isArray(value)) return message(5, [str(1, name), packedInts(8, value), int(20, 7)]);
  if (Number.isInteger(value)) return message(5, [str(1, name), int(3, value), int(20, 2)]);
  return message(5, [str(1, name), float(2, value), int(20, 1)]);
}

function node(n: OnnxNode, index: number): Field {
  // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
  const attrs = Object.entries(n.attributes ?? {}).map(([name, value]) => attribute(name, value));
  return message(1, [
    ...n.inputs.map((i) => str(1, i)),
    ...n.outputs.map((o) => str(2, o)),
    str(3, `${n.op}_${index}`),
    str(4, n.op),
    ...attrs,
  ]);
}

function tensor(field: number, t: OnnxTensor): Field {
  // TensorProto: dims 1, data_type 2, float_data 4, name 8, raw_data 9 (little-endian, as typed arrays are here).
  const head = [packedInts(1, t.dims)];
  if (t.values instanceof BigInt64Array) {
    const raw = bytes(9, new Uint8Array(BigInt64Array.from(t.values).buffer));
    return message(field, [...head, int(2, ONNX_INT64), str(8, t.name), raw]);
  }
  const data =
    t.raw === false ? packedFloats(4, t.values) : bytes(9, new Uint8Array(Float32Array.from(t.values).buffer));
  return message(field, [...head, int(2, ONNX_FLOAT), str(8, t.name), data]);
}

function valueInfo(field: number, v: OnnxValue): Field {
  // ValueInfoProto: name 1, type 2; TypeProto: tensor_type 1; Tensor: elem_type 1, shape 2;
  // TensorShapeProto: dim 1; Dimension: dim_value 1, dim_param 2.
  const dims = v.shape.map((d) => message(1, [typeof d === 'number' ? int(1, d) : str(2, d)]));
  const tensorType = message(1, [int(1, v.elemType ?? ONNX_FLOAT), message(2, dims)]);
  return message(field, [str(1, v.name), message(2, [tensorType])]);
}

/** The ModelProto bytes of one graph (ir_version 8, default-domain opset 13 unless given). */
export function onnxModel(graph: OnnxGraph, producer = 'serendip'): Uint8Array {
  // GraphProto: node 1, name 2, initializer 5, input 11, output 12.
  const graphFields = [
    ...graph.nodes.map(node),
    str(2, graph.name ?? 'graph'),
    ...graph.initializers.map((t) => tensor(5, t)),
    ...graph.inputs.map((v) => valueInfo(11, v)),
    ...graph.outputs.map((v) => valueInfo(12, v)),
  ];
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 (domain 1, version 2).
  return concat([
    int(1, 8),
    str(2, producer),
    message(7, graphFields),
    message(8, [str(1, ''), int(2, graph.opset ?? 13)]),
  ]);
}
