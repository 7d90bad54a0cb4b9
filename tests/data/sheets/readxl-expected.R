# R's readxl::read_excel() on the spreadsheet fixtures, written as readxl-expected.json for
# tests/test-sheet.c (which runs without R). Regenerate from this folder with
#     Rscript readxl-expected.R
# Each cell is written as text: numbers with 17 significant digits (compared numerically),
# dates as YYYY-MM-DD (or YYYY-MM-DD HH:MM:SS when the time is not midnight, UTC as readxl
# reads them), logicals as yes/no (Endpoint's yes/no type), NA as "".
library(readxl)
library(jsonlite)

cases <- list(
  list(file = "cohort.xlsx", sheet = "patients"),
  list(file = "cohort.xlsx", sheet = "labs"),
  list(file = "dates1904.xlsx", sheet = NULL),
  list(file = "dates1900.xlsx", sheet = NULL),
  list(file = "datasets.xlsx", sheet = "iris"),
  list(file = "datasets.xlsx", sheet = "mtcars"),
  list(file = "datasets.xlsx", sheet = "chickwts"),
  list(file = "datasets.xlsx", sheet = "quakes"),
  list(file = "datasets.xls", sheet = "iris"),
  list(file = "datasets.xls", sheet = "mtcars"),
  list(file = "geometry.xlsx", sheet = NULL)
)

cell_text <- function(x) {
  if (inherits(x, "POSIXct")) {
    midnight <- format(x, "%H:%M:%S", tz = "UTC") == "00:00:00"
    out <- ifelse(midnight, format(x, "%Y-%m-%d", tz = "UTC"),
                  format(x, "%Y-%m-%d %H:%M:%S", tz = "UTC"))
  } else if (is.logical(x)) {
    out <- ifelse(x, "yes", "no")
  } else if (is.numeric(x)) {
    out <- sprintf("%.17g", x)
  } else {
    out <- as.character(x)
  }
  out[is.na(x)] <- ""
  out
}

result <- lapply(cases, function(case) {
  d <- if (is.null(case$sheet)) read_excel(case$file) else read_excel(case$file, sheet = case$sheet)
  list(file = case$file,
       sheet = if (is.null(case$sheet)) "" else case$sheet,
       call = sprintf("readxl::read_excel(\"%s\"%s)", case$file,
                      if (is.null(case$sheet)) "" else sprintf(", sheet = \"%s\"", case$sheet)),
       n_rows = nrow(d),
       columns = lapply(names(d), function(n) {
         x <- d[[n]]
         list(name = n,
              kind = if (is.numeric(x)) "number" else "text",
              values = cell_text(x))
       }))
})

writeLines(toJSON(list(readxl = as.character(packageVersion("readxl")), cases = result),
                  auto_unbox = TRUE, pretty = TRUE, digits = NA),
           "readxl-expected.json")
