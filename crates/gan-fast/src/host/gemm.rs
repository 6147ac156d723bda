//! Matrix products on host memory through the `gemm` crate, the library burn's CPU backend
//! multiplies with, called directly so that a product can write into a buffer the caller
//! prepared (a layer's bias, rows already in place) instead of a freshly zeroed one.

/// A read-only view of a row-major or strided matrix in a slice: element `(r, c)` is
/// `data[offset + r·row_stride + c·col_stride]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Matrix<'a> {
    data: &'a [f32],
    offset: usize,
    rows: usize,
    cols: usize,
    row_stride: isize,
    col_stride: isize,
}

impl<'a> Matrix<'a> {
    /// A view of `data`, checked to lie inside it.
    ///
    /// # Panics
    /// If any element of the view would fall outside `data`.
    pub(crate) fn new(
        data: &'a [f32],
        offset: usize,
        [rows, cols]: [usize; 2],
        [row_stride, col_stride]: [isize; 2],
    ) -> Self {
        let matrix = Self {
            data,
            offset,
            rows,
            cols,
            row_stride,
            col_stride,
        };
        if rows > 0 && cols > 0 {
            let (low, high) = matrix.extent();
            assert!(
                low >= 0 && usize::try_from(high).is_ok_and(|high| high < data.len()),
                "a {rows} × {cols} view (strides {row_stride}, {col_stride}, offset {offset}) \
                 leaves its {} values",
                data.len()
            );
        }
        matrix
    }

    /// A contiguous row-major matrix.
    pub(crate) fn rows(data: &'a [f32], [rows, cols]: [usize; 2]) -> Self {
        assert_eq!(data.len(), rows * cols, "{rows} × {cols} values");
        Self::new(data, 0, [rows, cols], [as_stride(cols), 1])
    }

    /// The same values read as the transposed matrix (no copy).
    pub(crate) fn transposed(self) -> Self {
        Self {
            rows: self.cols,
            cols: self.rows,
            row_stride: self.col_stride,
            col_stride: self.row_stride,
            ..self
        }
    }

    /// `[rows, cols]`.
    pub(crate) fn shape(&self) -> [usize; 2] {
        [self.rows, self.cols]
    }

    /// The lowest and the highest index the view touches.
    fn extent(&self) -> (isize, isize) {
        let offset = as_stride(self.offset);
        let reach = |count: usize, stride: isize| as_stride(count - 1) * stride;
        let (rows, cols) = (
            reach(self.rows, self.row_stride),
            reach(self.cols, self.col_stride),
        );
        (
            offset + rows.min(0) + cols.min(0),
            offset + rows.max(0) + cols.max(0),
        )
    }
}

fn as_stride(value: usize) -> isize {
    isize::try_from(value).expect("a matrix under 2^63 values")
}

/// `dst += lhs · rhs` for the row-major `dst` (`[lhs rows, rhs cols]`).
///
/// # Panics
/// If the shapes do not fit together or `dst` has the wrong length.
pub(crate) fn add_product(dst: &mut [f32], lhs: Matrix<'_>, rhs: Matrix<'_>) {
    let [m, n] = product_shape(lhs, rhs);
    assert_eq!(dst.len(), m * n, "the product's {m} × {n} values");
    // SAFETY: `dst` holds the `m · n` values `run` writes, initialised, and its mutable borrow
    // keeps it apart from the operands.
    #[allow(unsafe_code)]
    unsafe {
        run(dst.as_mut_ptr(), true, lhs, rhs);
    }
}

/// `lhs · rhs` as a new row-major buffer (`[lhs rows, rhs cols]`), written by the product
/// alone: no zeroing pass before it.
pub(crate) fn product(lhs: Matrix<'_>, rhs: Matrix<'_>) -> Vec<f32> {
    let [m, n] = product_shape(lhs, rhs);
    let len = m * n;
    if lhs.shape()[1] == 0 {
        return vec![0.0; len];
    }
    let mut out = Vec::with_capacity(len);
    let dst = &mut out.spare_capacity_mut()[..len];
    // SAFETY: `dst` is the `m · n` values of capacity that `out` reserved. Not reading the
    // destination, gemm stores `lhs · rhs` on its first pass over `k` and adds to what it
    // stored on later ones; with `k > 0` it stores every one of the `m · n` values, so all
    // `len` values are initialised when `set_len` runs.
    #[allow(unsafe_code)]
    unsafe {
        run(dst.as_mut_ptr().cast::<f32>(), false, lhs, rhs);
        out.set_len(len);
    }
    out
}

/// `[m, n]` of `lhs · rhs`, checked to be a product.
fn product_shape(lhs: Matrix<'_>, rhs: Matrix<'_>) -> [usize; 2] {
    let ([m, k], [k_rhs, n]) = (lhs.shape(), rhs.shape());
    assert_eq!(k, k_rhs, "[{m}, {k}] · [{k_rhs}, {n}]");
    [m, n]
}

/// gemm's `dst = lhs · rhs`, or `dst += lhs · rhs` when `accumulate`, into `m · n` row-major
/// values at `dst`.
///
/// # Safety
/// `dst` must point to `m · n` writable values (initialised when `accumulate`) that the
/// operands do not overlap. The operands' elements are inside their slices: `Matrix::new`
/// checked that.
#[allow(unsafe_code)]
unsafe fn run(dst: *mut f32, accumulate: bool, lhs: Matrix<'_>, rhs: Matrix<'_>) {
    let ([m, k], [_, n]) = (lhs.shape(), rhs.shape());
    if m == 0 || n == 0 || k == 0 {
        return;
    }
    #[cfg(feature = "threads")]
    if let Some(width) = threads::part_width(m, n, k) {
        // SAFETY: the caller's promise, passed on: the parts write disjoint columns of `dst`.
        unsafe { threads::run_in_parts(dst, accumulate, lhs, rhs, width) };
        return;
    }
    // SAFETY: the caller's promise for `dst`.
    unsafe { run_on_this_thread(dst, n, accumulate, lhs, rhs) };
}

/// gemm on the calling thread: `dst` (`m` rows `row_stride` apart, `n` columns) `=` or `+=`
/// `lhs · rhs`.
///
/// # Safety
/// `dst` must point to the `m × n` values (`row_stride` apart) as [`run`] says.
#[allow(unsafe_code)]
unsafe fn run_on_this_thread(
    dst: *mut f32,
    row_stride: usize,
    accumulate: bool,
    lhs: Matrix<'_>,
    rhs: Matrix<'_>,
) {
    let ([m, k], [_, n]) = (lhs.shape(), rhs.shape());
    // SAFETY: the caller's promise for `dst`; the operands' offsets are inside their slices.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst,
            1,
            as_stride(row_stride),
            accumulate,
            lhs.data.as_ptr().add(lhs.offset),
            lhs.col_stride,
            lhs.row_stride,
            rhs.data.as_ptr().add(rhs.offset),
            rhs.col_stride,
            rhs.row_stride,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

/// Large products split over the rayon pool by columns of the result: each thread multiplies
/// all of `lhs` by a band of `rhs`'s columns, single-threaded, into its own band of `dst`.
/// A layer's forward (`x · W`) and both its gradients (`dy · Wᵀ`, `xᵀ · dy`) then read the
/// large operand (the weights, or the gradient's wide rows) once between them, and the pool
/// meets once per product. gemm's own `Rayon` parallelism splits finer and meets more often:
/// measured natively on two cores, it gained less (docs/benchmarks.md, "Many cores").
#[cfg(feature = "threads")]
mod threads {
    use super::{Matrix, as_stride, run_on_this_thread};

    /// Below this many multiply-adds a product runs on one thread: handing it over costs more.
    const MIN_SPLIT: usize = 192 * 192 * 192;

    /// No band narrower: gemm's kernels work on blocks of columns, and a narrower band wastes
    /// their width.
    const MIN_WIDTH: usize = 32;

    /// The width of each band, or `None` to run on one thread.
    pub(super) fn part_width(m: usize, n: usize, k: usize) -> Option<usize> {
        let threads = rayon::current_num_threads();
        if threads < 2 || m.saturating_mul(n).saturating_mul(k) < MIN_SPLIT {
            return None;
        }
        let width = n.div_ceil(threads).next_multiple_of(MIN_WIDTH / 2);
        (width >= MIN_WIDTH && width < n).then_some(width)
    }

    /// The raw destination, shared by the parts; each writes only its own columns.
    #[derive(Clone, Copy)]
    struct Destination(*mut f32);
    // SAFETY: the parts of one product write disjoint columns, and `run_in_parts` returns only
    // after all of them finished.
    #[allow(unsafe_code)]
    unsafe impl Send for Destination {}
    #[allow(unsafe_code)]
    unsafe impl Sync for Destination {}

    /// Runs the product in bands of `width` columns on the pool, and waits for all of them.
    ///
    /// # Safety
    /// As [`super::run`].
    #[allow(unsafe_code)]
    pub(super) unsafe fn run_in_parts(
        dst: *mut f32,
        accumulate: bool,
        lhs: Matrix<'_>,
        rhs: Matrix<'_>,
        width: usize,
    ) {
        let n = rhs.cols;
        let dst = Destination(dst);
        rayon::scope(|scope| {
            for start in (0..n).step_by(width) {
                let band = Matrix {
                    // Inside the view: column `start` of a checked view.
                    offset: usize::try_from(
                        as_stride(rhs.offset) + as_stride(start) * rhs.col_stride,
                    )
                    .expect("a column of the view"),
                    cols: width.min(n - start),
                    ..rhs
                };
                scope.spawn(move |_| {
                    let dst = dst;
                    // SAFETY: `start < n` columns into each of the `m` rows of `n` values, a
                    // band no other part writes; the caller's promise covers the rest.
                    unsafe { run_on_this_thread(dst.0.add(start), n, accumulate, lhs, band) };
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product by definition, one sum per element.
    fn naive(lhs: Matrix<'_>, rhs: Matrix<'_>) -> Vec<f32> {
        let at = |m: &Matrix<'_>, r: usize, c: usize| {
            let index =
                as_stride(m.offset) + as_stride(r) * m.row_stride + as_stride(c) * m.col_stride;
            m.data[usize::try_from(index).unwrap()]
        };
        let ([rows, k], [_, cols]) = (lhs.shape(), rhs.shape());
        let mut out = Vec::with_capacity(rows * cols);
        for r in 0..rows {
            for c in 0..cols {
                out.push((0..k).map(|i| at(&lhs, r, i) * at(&rhs, i, c)).sum());
            }
        }
        out
    }

    fn ramp(len: usize, scale: f32) -> Vec<f32> {
        (0..len)
            .map(|i| ((i * 7 % 13) as f32 - 6.0) * scale)
            .collect()
    }

    #[test]
    fn multiplies_plain_transposed_and_offset_views() {
        let a = ramp(5 * 3, 0.5); // [5, 3]
        let b = ramp(3 * 4 + 2, 0.25); // [3, 4] after an offset of 2
        let lhs = Matrix::rows(&a, [5, 3]);
        let rhs = Matrix::new(&b, 2, [3, 4], [4, 1]);
        for (lhs, rhs) in [
            (lhs, rhs),
            // [3, 5]ᵀ-as-stored: the same values read column by column.
            (Matrix::rows(&a, [5, 3]).transposed().transposed(), rhs),
            (Matrix::new(&a, 0, [3, 5], [1, 3]).transposed(), rhs),
        ] {
            assert_eq!(product(lhs, rhs), naive(lhs, rhs));
        }
        // xᵀ · y for x [5, 3], y [5, 4]: a weight gradient.
        let y = ramp(5 * 4, 1.0);
        let (x, y) = (Matrix::rows(&a, [5, 3]), Matrix::rows(&y, [5, 4]));
        assert_eq!(product(x.transposed(), y), naive(x.transposed(), y));
        assert_eq!(product(y.transposed(), x), naive(y.transposed(), x));
    }

    #[test]
    fn adds_to_what_the_destination_holds() {
        let (a, b) = (ramp(2 * 3, 1.0), ramp(3 * 2, 1.0));
        let (lhs, rhs) = (Matrix::rows(&a, [2, 3]), Matrix::rows(&b, [3, 2]));
        let mut dst = vec![10.0, 20.0, 30.0, 40.0];
        add_product(&mut dst, lhs, rhs);
        let product = naive(lhs, rhs);
        assert_eq!(
            dst,
            vec![
                10.0 + product[0],
                20.0 + product[1],
                30.0 + product[2],
                40.0 + product[3]
            ]
        );
    }

    /// Products large enough to split (with the `threads` feature, on a pool of three): every
    /// band lands where it belongs, in all the layouts a layer's passes use, adding or not.
    #[cfg(feature = "threads")]
    #[test]
    fn a_split_product_equals_the_whole() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let (m, k, n) = (64, 300, 520);
        let (a, b) = (ramp(m * k, 0.01), ramp(k * n, 0.02));
        let x = Matrix::rows(&a, [m, k]);
        let w = Matrix::rows(&b, [k, n]);
        let y = ramp(m * n, 0.03);
        let dy = Matrix::rows(&y, [m, n]);
        for (lhs, rhs) in [(x, w), (dy, w.transposed()), (x.transposed(), dy)] {
            let [rows, _] = lhs.shape();
            let [_, cols] = rhs.shape();
            assert!(
                pool.install(|| threads::part_width(rows, cols, lhs.shape()[1]))
                    .is_some()
            );
            let split = pool.install(|| product(lhs, rhs));
            let whole = naive(lhs, rhs);
            let close = |got: &[f32]| {
                got.iter()
                    .zip(&whole)
                    .all(|(g, w)| (g - w).abs() <= 1e-3 * w.abs().max(1.0))
            };
            assert!(close(&split));
            let mut added = vec![1.0; rows * cols];
            pool.install(|| add_product(&mut added, lhs, rhs));
            assert!(close(&added.iter().map(|v| v - 1.0).collect::<Vec<_>>()));
        }
    }

    #[test]
    #[should_panic(expected = "leaves its")]
    fn refuses_a_view_outside_its_values() {
        let a = vec![0.0; 11];
        let _ = Matrix::new(&a, 0, [3, 4], [4, 1]);
    }
}
