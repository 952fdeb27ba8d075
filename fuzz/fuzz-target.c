/* fuzz-target.c: the libFuzzer entry points of one harness, whose target BZ_FUZZ_TARGET names
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "bz-fuzz.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  bz_fuzz_init (BZ_FUZZ_TARGET);
  /* The temporary folder goes when libFuzzer ends the run. */
  atexit (bz_fuzz_shutdown);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  bz_fuzz_run (BZ_FUZZ_TARGET, data, size);
  return 0;
}
