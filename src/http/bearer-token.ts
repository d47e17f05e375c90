/** The token of an `Authorization: Bearer <token>` header, if that is what the header is. */
export function presentedBearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
}
