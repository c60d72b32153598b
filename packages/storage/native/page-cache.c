// posix_fadvise(POSIX_FADV_DONTNEED) for Node, which has no binding for it: the log tells the
// kernel that durable bytes it will rarely read again may leave the page cache
// (src/fs/page-cache.ts says why). The kernel drops clean, whole pages in the range and ignores
// the rest; the call is advice and never changes a file's content.
//
// Exports `dropPageCache(fd, offset, length)` -> 0, or the errno posix_fadvise returned.
#define _POSIX_C_SOURCE 200112L
#include <fcntl.h>
#include <node_api.h>
#include <stdint.h>

static napi_value drop_page_cache(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  int32_t fd;
  int64_t offset, length;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3 || napi_get_value_int32(env, argv[0], &fd) != napi_ok ||
      napi_get_value_int64(env, argv[1], &offset) != napi_ok || napi_get_value_int64(env, argv[2], &length) != napi_ok || fd < 0 || offset < 0 || length < 0) {
    napi_throw_type_error(env, NULL, "dropPageCache(fd, offset, length) takes three non-negative integers");
    return NULL;
  }
  int status = posix_fadvise(fd, (off_t)offset, (off_t)length, POSIX_FADV_DONTNEED);
  napi_value result;
  napi_create_int32(env, status, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "dropPageCache", NAPI_AUTO_LENGTH, drop_page_cache, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "dropPageCache", fn) != napi_ok) return NULL;
  return exports;
}
