import { createHash, timingSafeEqual } from "node:crypto";
import { PUBLIC_VIEWER, type Viewer } from "../minutes/visibility.ts";
import { presentedBearerToken } from "./bearer-token.ts";
import { HttpError } from "./http-error.ts";

/** A token /api accepts and the internal audiences whoever presents it may see. */
export interface AccessToken {
  token: string;
  audiences: readonly string[];
}

/**
 * Who is asking, from `Authorization: Bearer <token>`: without configured tokens, anyone (public
 * minutes only); with them, a request must present one, and sees what that token's audiences may.
 * Every token is compared, in constant time over hashes, so timing tells neither which token
 * matched nor how long any is.
 */
export function createRequestViewer(
  tokens: readonly AccessToken[],
): (authorization: string | undefined) => Viewer {
  const known = tokens.map((entry) => ({
    digest: digest(entry.token),
    viewer: { audiences: [...entry.audiences] } satisfies Viewer,
  }));
  return (authorization) => {
    if (known.length === 0) return PUBLIC_VIEWER;
    const presented = presentedBearerToken(authorization);
    if (presented === undefined) {
      throw new HttpError(401, "unauthorized", "This API requires Authorization: Bearer <token>", {
        "www-authenticate": 'Bearer realm="referat"',
      });
    }
    const presentedDigest = digest(presented);
    let matched: Viewer | undefined;
    for (const entry of known) {
      if (timingSafeEqual(presentedDigest, entry.digest)) matched ??= entry.viewer;
    }
    if (!matched) {
      throw new HttpError(401, "unauthorized", "The bearer token is not valid", {
        "www-authenticate": 'Bearer realm="referat", error="invalid_token"',
      });
    }
    return matched;
  };
}

/**
 * Who is looking at a page: a browser sends no token, so pages never demand one; a valid token
 * sent anyway widens what is shown, an invalid one shows the public pages only.
 */
export function pageViewerOf(
  requestViewer: (authorization: string | undefined) => Viewer,
  authorization: string | undefined,
): Viewer {
  if (authorization === undefined) return PUBLIC_VIEWER;
  try {
    return requestViewer(authorization);
  } catch {
    return PUBLIC_VIEWER;
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
