export declare const DENO_PERMISSIONS: string[];
export declare function denoServeArgs(options: {
  entry: string;
  host: string;
  port: number | string;
  extra?: string[];
}): string[];
