// Types of testSeams.cjs for the TypeScript tests.
export declare const TEST_SEAM_DEFINE: Readonly<Record<string, string>>;
