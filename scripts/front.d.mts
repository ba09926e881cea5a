// Types of scripts/front.mjs (plain JavaScript, run by Node directly) for the TypeScript tests.
import type { IncomingHttpHeaders } from "node:http";
export declare const MAX_BODY_BYTES: number;
export declare const IMPORT_MAX_BYTES: number;
export declare function bodyLimit(url: string | undefined, isAction: boolean): number;
export declare const ALLOWED_METHODS: string[];
export declare const MAX_ARGUMENT_DEPTH: number;
export declare function trustedProxyCount(value: string | undefined | null): number;
export declare function normaliseAddress(address: string | undefined | null): string;
export declare function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: number): string;
export declare function trustedForwardedValue(value: string | string[] | undefined, trustProxy: number): string | undefined;
export declare function sanitiseProxyHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustProxy: number): IncomingHttpHeaders;
export declare function jsonDepth(text: string, limit?: number): number;
export declare function usesArguments(actionId: string): boolean;
export declare function argumentListProblem(text: string | null | undefined, actionId?: string): string | null;
export declare function declaredLength(headers: IncomingHttpHeaders): number | null;
export declare function requestLocale(headers: IncomingHttpHeaders): "pt-BR" | "en";
export declare function hashPoolLimits(
  env: Record<string, string | undefined>,
  cores: number,
): { concurrency: number; queue: number; inFlight: number; perSecond: number };
export declare function createTokenBucket(perSecond: number, burst: number, now?: () => number): { take(): boolean };
