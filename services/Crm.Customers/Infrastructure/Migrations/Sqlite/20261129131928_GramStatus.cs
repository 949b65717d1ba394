using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GramStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CustomerSearchGrams",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Every gram takes its customer's status (kept with it from now on by CustomerSearchIndex.Stage).
            migrationBuilder.Sql("""
                UPDATE "CustomerSearchGrams" SET "Status" = (SELECT c."Status" FROM "Customers" AS c WHERE c."Id" = "CustomerSearchGrams"."CustomerId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Status",
                table: "CustomerSearchGrams");
        }
    }
}
