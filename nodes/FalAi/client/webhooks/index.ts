/**
 * fal webhooks without n8n: signature verification, the key set cache, the delivery payload
 * and the media it references.
 */
export { verifyFalWebhook, buildSignedMessage, FAL_WEBHOOK_HEADERS, DEFAULT_TOLERANCE_SECONDS } from './signature';
export type { FalWebhookVerification, FalWebhookFailureReason, VerifyFalWebhookInput, WebhookHeaders } from './signature';
export { verifyFalWebhookWithJwks } from './verifyWithJwks';
export type { VerifyWithJwksInput } from './verifyWithJwks';
export { JwksCache, JwksUnavailableError, sharedJwksCache } from './jwksCache';
export type { JwksCacheOptions } from './jwksCache';
export { DEFAULT_FAL_JWKS_URL, importFalJwk, parseFalJwks, isFalJwk } from './keys';
export type { FalJwk, FalPublicKey } from './keys';
export { parseFalWebhookPayload, isFinalStatus, FINAL_WEBHOOK_STATUSES } from './payload';
export type { FalWebhookPayload, ParsedWebhookPayload } from './payload';
export { findMediaReferences } from './media';
export type { MediaReference } from './media';
export { openMedia, MediaDownloadError } from './download';
export type { OpenedMedia, OpenMediaOptions } from './download';
