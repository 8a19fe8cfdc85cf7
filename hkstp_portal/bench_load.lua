-- wrk script for `manage.py bench_load`: one scenario's requests, read from a file.
--
-- wrk -s hkstp_portal/bench_load.lua URL -- FILE THREADS ORIGIN
-- FILE has one request per line: METHOD<TAB>PATH<TAB>COOKIE<TAB>BODY. Thread n of THREADS
-- takes lines n, n + THREADS, ..., so no two threads send the same application, and each
-- thread's connections rotate through its share. Every request says it came through the
-- TLS proxy (X-Forwarded-Proto: https), so the real production settings are measured
-- without redirecting to HTTPS. done() prints one line of JSON that the command reads.

local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
end

function init(args)
   local path, threads, origin = args[1], tonumber(args[2]), args[3]
   requests = {}
   local line_number = 0
   for line in io.lines(path) do
      if line_number % threads == id - 1 then
         local method, target, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
         local headers = { ["X-Forwarded-Proto"] = "https", ["Accept-Language"] = "en" }
         if cookie ~= "" then
            headers["Cookie"] = cookie
         end
         if method == "POST" then
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
            headers["Referer"] = origin .. target
         else
            body = nil
         end
         table.insert(requests, wrk.format(method, target, headers, body))
      end
      line_number = line_number + 1
   end
   index = 0
end

function request()
   index = index % #requests + 1
   return requests[index]
end

function done(summary, latency, _requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH-RESULT {"requests": %d, "duration_us": %d, "status_errors": %d, ' ..
      '"socket_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
      '"max_us": %d}\n',
      summary.requests, summary.duration, errors.status,
      errors.connect + errors.read + errors.write, errors.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
   ))
end
