import { faultMatrix, MATRIX_SPECS } from "./fault-matrix.js";

// The same matrix with one read retry: a fault that lasts outlives the retry and degrades the same way.
faultMatrix(MATRIX_SPECS, 1);
