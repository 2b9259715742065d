import { faultMatrix, MATRIX_SPECS } from "./fault-matrix.js";

// Every fault × every operation × every provider, reads not retried: each fault shows at once.
faultMatrix(MATRIX_SPECS, 0);
