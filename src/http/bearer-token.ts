import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./http-error.ts";

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are hashed first, so
 * neither the content nor the length of the expected token leaks through timing.
 */
export function createBearerTokenCheck(
  expectedToken: string,
): (authorization: string | undefined) => void {
  const expectedDigest = digest(expectedToken);
  return (authorization) => {
    const presented = presentedBearerToken(authorization);
    if (presented === undefined) {
      throw new HttpError(401, "unauthorized", "This API requires Authorization: Bearer <token>", {
        "www-authenticate": 'Bearer realm="referat"',
      });
    }
    if (!timingSafeEqual(digest(presented), expectedDigest)) {
      throw new HttpError(401, "unauthorized", "The bearer token is not valid", {
        "www-authenticate": 'Bearer realm="referat", error="invalid_token"',
      });
    }
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header is. */
export function presentedBearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
}
