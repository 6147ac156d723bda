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
    // SAFETY: the caller's promise for `dst`; the operands' offsets are inside their slices.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst,
            1,
            as_stride(n),
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
            parallelism(m, n, k),
        );
    }
}

/// One thread, unless the `threads` feature is on and the product is large enough to split
/// (burn's CPU backend draws the line at the same size).
fn parallelism(m: usize, n: usize, k: usize) -> gemm::Parallelism {
    #[cfg(feature = "threads")]
    if m.saturating_mul(n).saturating_mul(k) >= 192 * 192 * 192 {
        return gemm::Parallelism::Rayon(0);
    }
    let _ = (m, n, k);
    gemm::Parallelism::None
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

    #[test]
    #[should_panic(expected = "leaves its")]
    fn refuses_a_view_outside_its_values() {
        let a = vec![0.0; 11];
        let _ = Matrix::new(&a, 0, [3, 4], [4, 1]);
    }
}
