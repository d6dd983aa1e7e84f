// C (+)= op(A) * op(B) for row-major matrices with leading dimensions and offsets, as
// MatmulKernels.gemm. A work-group of 16x16 work-items computes a 64x64 tile of C, each work-item
// a 4x4 block in registers, staging 64x16 panels of op(A) and 16x64 panels of op(B) in local
// memory. Every element of C is owned by one work-item and sums over k in index order.
#define TILE 64
#define DEPTH 16
#define GROUP 16
#define BLOCK 4

__kernel __attribute__((reqd_work_group_size(GROUP, GROUP, 1)))
void tiled_gemm(__global const float* a, int aOff, int lda, int transA,
                __global const float* b, int bOff, int ldb, int transB,
                __global float* c, int cOff, int ldc, int m, int n, int k, int accumulate) {
    __local float tileA[DEPTH][TILE + 1];
    __local float tileB[DEPTH][TILE + 1];
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int rowBase = get_group_id(1) * TILE;
    const int colBase = get_group_id(0) * TILE;
    const int aRow = transA ? 1 : lda;
    const int aCol = transA ? lda : 1;
    const int bRow = transB ? 1 : ldb;
    const int bCol = transB ? ldb : 1;
    const int lid = ty * GROUP + tx;
    float acc[BLOCK][BLOCK];
    for (int i = 0; i < BLOCK; i++) {
        for (int j = 0; j < BLOCK; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int p0 = 0; p0 < k; p0 += DEPTH) {
        for (int e = lid; e < TILE * DEPTH; e += GROUP * GROUP) {
            int r = e / DEPTH;
            int p = e % DEPTH;
            int gi = rowBase + r;
            int gp = p0 + p;
            tileA[p][r] = (gi < m && gp < k) ? a[aOff + gi * aRow + gp * aCol] : 0.0f;
            int q = e / TILE;
            int col = e % TILE;
            int gj = colBase + col;
            int gq = p0 + q;
            tileB[q][col] = (gj < n && gq < k) ? b[bOff + gq * bRow + gj * bCol] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < DEPTH; p++) {
            float av[BLOCK];
            float bv[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                av[i] = tileA[p][ty + i * GROUP];
                bv[i] = tileB[p][tx + i * GROUP];
            }
            for (int i = 0; i < BLOCK; i++) {
                for (int j = 0; j < BLOCK; j++) {
                    acc[i][j] += av[i] * bv[j];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int i = 0; i < BLOCK; i++) {
        int gi = rowBase + ty + i * GROUP;
        for (int j = 0; j < BLOCK; j++) {
            int gj = colBase + tx + j * GROUP;
            if (gi < m && gj < n) {
                int pc = cOff + gi * ldc + gj;
                c[pc] = accumulate ? c[pc] + acc[i][j] : acc[i][j];
            }
        }
    }
}
