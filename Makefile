# The two set-up commands of the README: `make run` and `make test`. Everything else is a helper.
.PHONY: run test build deps web clean format fuzz

BUILD ?= build/release
DB ?= sqlite:retainer.db

run: deps build web
	@if [ ! -f retainer.db ] && [ "$(DB)" = "sqlite:retainer.db" ]; then $(BUILD)/retainer demo --db $(DB); fi
	$(BUILD)/retainer serve --db $(DB) --listen 127.0.0.1:8080

test:
	bash scripts/test.sh

deps:
	bash scripts/install-deps.sh

build:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j2

web:
	@if [ -f web/package.json ]; then cd web && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund) && npm run build; fi

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')

# The fuzz targets alone (docs/fuzzing.md); FUZZ_SECONDS=600 make fuzz runs each ten minutes.
fuzz:
	bash scripts/fuzz.sh

clean:
	rm -rf build
