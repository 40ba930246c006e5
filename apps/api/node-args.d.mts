/** See node-args.mjs. */
export declare const API_NODE_ARGS: readonly string[];
