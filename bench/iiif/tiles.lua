-- wrk script: IIIF requests against one image, as a deep-zoom viewer makes them.
-- wrk -s tiles.lua URL -- MODE PREFIX WIDTH HEIGHT TILE LEVELS
--   MODE tiles:   tiles on the grid of a random pyramid level (edge tiles included)
--   MODE regions: a random region of 256 to 4096 px scaled to 256 px wide
--   MODE info:    info.json
--   MODE full:    the whole image 1024 px wide
--   MODE fullvar: the whole image within a random box of 500 to 1500 px (a new size almost
--                 every time, so no output cache helps)
-- PREFIX is the image's IIIF base path ("/iiif/3/99999~mx" or "/iipsrv?IIIF=pyramid.tif").
local mode, prefix, width, height, tile, levels

function init(args)
  mode, prefix = args[1], args[2]
  width, height, tile, levels = tonumber(args[3]), tonumber(args[4]), tonumber(args[5]), tonumber(args[6])
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local function path_for()
  if mode == "info" then return prefix .. "/info.json" end
  if mode == "full" then return prefix .. "/full/1024,/0/default.jpg" end
  if mode == "fullvar" then
    return string.format("%s/full/!%d,%d/0/default.jpg", prefix, math.random(500, 1500), math.random(500, 1500))
  end
  if mode == "regions" then
    local w = math.random(256, math.min(4096, width))
    local h = math.random(256, math.min(4096, height))
    local x = math.random(0, width - w)
    local y = math.random(0, height - h)
    return string.format("%s/%d,%d,%d,%d/256,/0/default.jpg", prefix, x, y, w, h)
  end
  local factor = 2 ^ math.random(0, levels - 1)
  local span = tile * factor
  local columns = math.ceil(width / span)
  local rows = math.ceil(height / span)
  local x = math.random(0, columns - 1) * span
  local y = math.random(0, rows - 1) * span
  local w = math.min(span, width - x)
  local h = math.min(span, height - y)
  return string.format("%s/%d,%d,%d,%d/%d,%d/0/default.jpg", prefix, x, y, w, h,
                       math.ceil(w / factor), math.ceil(h / factor))
end

function request()
  return wrk.format("GET", path_for())
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         summary.errors.status + summary.errors.connect + summary.errors.read +
                           summary.errors.timeout))
end
