import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** The real tokenizer and config of the default model (no weights), shipped in ../shared. */
export const E5_TOKENIZER_DIR = new URL(
  "../../../shared/models/multilingual-e5-small/",
  import.meta.url,
).pathname;

const TENSOR_FLOAT = onnx.TensorProto.DataType.FLOAT;
const TENSOR_INT64 = onnx.TensorProto.DataType.INT64;

export interface TinyOnnxModelOptions {
  /** Width of the embedding table, i.e. the embedder's dimensions. */
  hiddenSize?: number;
  /** Seed of the deterministic table values. */
  seed?: number;
  /** `model.onnx` (fp32, the default) or `model_quantized.onnx` (what q8 loads). */
  fileName?: "model.onnx" | "model_quantized.onnx";
}

export interface TinyOnnxModel {
  modelDir: string;
  hiddenSize: number;
  vocabSize: number;
  /** The embedding table row of a token id: what the model outputs for that token. */
  tokenVector(tokenId: number): Float32Array;
}

/**
 * Writes a tiny BERT-shaped model into `modelDir`, laid out like a hub repository: the real
 * multilingual-e5 tokenizer files, a config.json with `hidden_size` adjusted, and onnx/<fileName>.
 * The graph takes input_ids / attention_mask / token_type_ids (int64 [batch, sequence]) and returns
 * last_hidden_state (float [batch, sequence, hiddenSize]) as a Gather of a seeded random table by
 * token id: each token has its own fixed vector, so texts sharing tokens get similar mean-pooled
 * embeddings, as with a real model.
 */
export async function buildTinyOnnxModel(
  modelDir: string,
  options: TinyOnnxModelOptions = {},
): Promise<TinyOnnxModel> {
  const hiddenSize = options.hiddenSize ?? 8;
  const fileName = options.fileName ?? "model.onnx";
  const config = JSON.parse(await readFile(join(E5_TOKENIZER_DIR, "config.json"), "utf8")) as {
    vocab_size: number;
  } & Record<string, unknown>;
  const vocabSize = config.vocab_size;

  await mkdir(join(modelDir, "onnx"), { recursive: true });
  await copyFile(join(E5_TOKENIZER_DIR, "tokenizer.json"), join(modelDir, "tokenizer.json"));
  await copyFile(
    join(E5_TOKENIZER_DIR, "tokenizer_config.json"),
    join(modelDir, "tokenizer_config.json"),
  );
  await writeFile(
    join(modelDir, "config.json"),
    JSON.stringify({ ...config, hidden_size: hiddenSize, num_hidden_layers: 0 }, null, 2),
  );
  const table = new Float32Array(vocabSize * hiddenSize);
  const random = mulberry32(options.seed ?? 20240918);
  for (let index = 0; index < table.length; index += 1) table[index] = random() * 2 - 1;
  await writeFile(
    join(modelDir, "onnx", fileName),
    encodeGatherModel(table, vocabSize, hiddenSize),
  );
  return {
    modelDir,
    hiddenSize,
    vocabSize,
    tokenVector: (tokenId) => table.slice(tokenId * hiddenSize, (tokenId + 1) * hiddenSize),
  };
}

function encodeGatherModel(table: Float32Array, vocabSize: number, hiddenSize: number): Uint8Array {
  const tokenInput = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: TENSOR_INT64,
          shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }] },
        },
      },
    });

  const graph = onnx.GraphProto.create({
    name: "tiny-bert",
    node: [
      onnx.NodeProto.create({
        opType: "Gather",
        input: ["embedding_table", "input_ids"],
        output: ["last_hidden_state"],
        attribute: [
          onnx.AttributeProto.create({
            name: "axis",
            type: onnx.AttributeProto.AttributeType.INT,
            i: 0,
          }),
        ],
      }),
    ],
    initializer: [
      onnx.TensorProto.create({
        name: "embedding_table",
        dataType: TENSOR_FLOAT,
        dims: [vocabSize, hiddenSize],
        rawData: new Uint8Array(table.buffer),
      }),
    ],
    input: [tokenInput("input_ids"), tokenInput("attention_mask"), tokenInput("token_type_ids")],
    output: [
      onnx.ValueInfoProto.create({
        name: "last_hidden_state",
        type: {
          tensorType: {
            elemType: TENSOR_FLOAT,
            shape: {
              dim: [{ dimParam: "batch" }, { dimParam: "sequence" }, { dimValue: hiddenSize }],
            },
          },
        },
      }),
    ],
  });

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "referat-tests",
    opsetImport: [{ domain: "", version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A small seeded PRNG, so the table (and every vector the tests see) is the same on each run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
