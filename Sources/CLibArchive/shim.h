#include <archive.h>
#include <archive_entry.h>

/* archive_set_error is variadic, which Swift cannot call: a fixed-argument door to it, for write
   callbacks that report a failed write the way libarchive's own writers do. */
static inline void coursepack_archive_set_error(struct archive *archive, int code, const char *message) {
    archive_set_error(archive, code, "%s", message);
}
