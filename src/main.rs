fn main() -> std::process::ExitCode {
    itos::cli::main()
}
