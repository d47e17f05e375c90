/**
 * Logistic regression by gradient descent on standardised features, with an L2 penalty; returns
 * the weights on the original scale, so a model is `σ(bias + Σ weight·feature)` on raw features.
 */

export interface FittedLogistic {
  weights: number[];
  bias: number;
}

export interface LogisticOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

export function fitLogistic(
  rows: readonly number[][],
  labels: readonly boolean[],
  options: LogisticOptions = {},
): FittedLogistic {
  const width = rows[0]?.length ?? 0;
  const count = rows.length;
  if (count === 0 || width === 0) throw new Error("nothing to fit");
  const l2 = options.l2 ?? 0.01;
  const iterations = options.iterations ?? 4000;
  const rate = options.learningRate ?? 0.5;

  const mean = Array.from(
    { length: width },
    (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / count,
  );
  const std = Array.from({ length: width }, (_, j) => {
    const variance = rows.reduce((s, r) => s + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / count;
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((r) => r.map((v, j) => (v - (mean[j] ?? 0)) / (std[j] ?? 1)));
  const y = labels.map((label) => (label ? 1 : 0));
  // Positives are few (one expected item among the candidates): weigh them up to balance.
  const positives = y.reduce((s: number, v) => s + v, 0);
  const positiveWeight = positives > 0 ? (count - positives) / positives : 1;

  const w = new Array<number>(width).fill(0);
  let b = 0;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const gradient = new Array<number>(width).fill(0);
    let gradientBias = 0;
    let totalWeight = 0;
    for (let i = 0; i < count; i += 1) {
      const xi = x[i] as number[];
      let logit = b;
      for (let j = 0; j < width; j += 1) logit += (w[j] as number) * (xi[j] as number);
      const error = 1 / (1 + Math.exp(-logit)) - (y[i] as number);
      const sampleWeight = y[i] === 1 ? positiveWeight : 1;
      totalWeight += sampleWeight;
      for (let j = 0; j < width; j += 1)
        gradient[j] = (gradient[j] as number) + sampleWeight * error * (xi[j] as number);
      gradientBias += sampleWeight * error;
    }
    for (let j = 0; j < width; j += 1) {
      w[j] =
        (w[j] as number) - rate * ((gradient[j] as number) / totalWeight + l2 * (w[j] as number));
    }
    b -= rate * (gradientBias / totalWeight);
  }
  const weights = w.map((value, j) => value / (std[j] as number));
  const bias =
    b - w.reduce((s, value, j) => s + (value * (mean[j] as number)) / (std[j] as number), 0);
  return { weights, bias };
}
