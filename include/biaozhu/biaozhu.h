/* biaozhu.h: the public interface of libbiaozhu
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-types.h"
#include "bz-text.h"
#include "bz-span.h"
#include "bz-document.h"
#include "bz-label.h"
#include "bz-store.h"
#include "bz-format.h"
#include "bz-export.h"
#include "bz-import.h"
#include "bz-eval.h"
#include "bz-agreement.h"
#include "bz-curation.h"
#include "bz-calibration.h"
#include "bz-extractor.h"
#include "bz-tagger.h"
#include "bz-training.h"
#include "bz-stats.h"
