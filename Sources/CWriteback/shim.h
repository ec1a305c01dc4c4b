// Starting the writeback of part of a file that is being written, which Swift's Glibc module does
// not bring in (sync_file_range needs _GNU_SOURCE).
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#endif

// Asks the kernel to start writing [offset, offset + length) of the file to disk, without waiting
// for it; 0, or -1 with errno set. Elsewhere than Linux it does nothing.
static inline int coursepack_start_writeback(int descriptor, long long offset, long long length) {
#if defined(__linux__)
    return sync_file_range(descriptor, (off64_t)offset, (off64_t)length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor; (void)offset; (void)length;
    return 0;
#endif
}
